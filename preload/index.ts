/**
 * Preload: exposes exactly one object, `window.branchline`, built from the contract. The page
 * never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createClient } from '../protocol/rpc-client';
import { seatApi } from '../protocol/seat-api';
import { createIpcTransport } from './ipc-transport';

contextBridge.exposeInMainWorld('branchline', createClient(seatApi, createIpcTransport(ipcRenderer)));
