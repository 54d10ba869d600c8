export * from './jitter-buffer';
export * from './rtp-packet';
export * from './sequence-rewriter';
export * from './serial-number';
export * from './telephone-event';
