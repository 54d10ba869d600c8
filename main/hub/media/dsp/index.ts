export * from './energy';
export * from './goertzel-dtmf-detector';
export * from './mixer';
export * from './tone-generator';
