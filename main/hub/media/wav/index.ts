export * from './wav-error';
export * from './wav-reader';
export * from './wav-writer';
