#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: one way to run TS for every Node-side entry.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/branchline.ts');
