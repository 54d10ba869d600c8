export * from './pcma';
export * from './pcmu';
export * from './transcode';
