/**
 * The installer's hardware wizard: device lists, the saved profile, the hardware status and a
 * live monitor of device events pushed by the seat (`hardware.onDeviceEvent`).
 */
import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import type {
  CallerIdEvent, DeviceEvent, DeviceList, DiagnosticsBundle, HardwareProfile, HardwareStatus, SerialKind, SimulateRequest, TestLedName,
} from '../../../../protocol/hardware-api';
import { branchline } from '../../bridge/branchline';
import { logout, sessionEnded } from '../session/session-slice';

export interface InstallerState {
  status: HardwareStatus | null;
  devices: DeviceList;
  profile: HardwareProfile;
  /** Newest first, at most MAX_EVENTS. */
  events: DeviceEvent[];
  lastCallerId: CallerIdEvent | null;
  waitingForCallerId: boolean;
  diagnostics: Omit<DiagnosticsBundle, 'base64'> | null;
  busy: string | null;
  error: { code: string; message: string } | null;
}

const MAX_EVENTS = 200;
const initialState: InstallerState = {
  status: null, devices: { hid: [], serial: [] }, profile: { headset: null, serial: null }, events: [],
  lastCallerId: null, waitingForCallerId: false, diagnostics: null, busy: null, error: null,
};

type Rejected = { code: string; message: string };
const asRejected = (err: unknown): Rejected => {
  const e = err as { code?: string; message?: string };
  return { code: e.code ?? 'BL_ERR_INTERNAL', message: e.message ?? String(err) };
};

/** A thunk whose failure lands in `error` as data (never an unhandled rejection). */
function call<A, R>(type: string, fn: (arg: A) => Promise<R>) {
  return createAsyncThunk<R, A, { rejectValue: Rejected }>(`installer/${type}`, async (arg, { rejectWithValue }) => {
    try {
      return await fn(arg);
    } catch (err) {
      return rejectWithValue(asRejected(err));
    }
  });
}

export const loadHardware = call('load', async (_: void) => {
  const [status, devices, profile, events] = await Promise.all([
    branchline.hardware.getStatus(), branchline.hardware.listDevices().catch(() => ({ hid: [], serial: [] })),
    branchline.hardware.getProfile(), branchline.hardware.recentEvents({ limit: 50 }),
  ]);
  return { status, devices, profile, events };
});
export const refreshDevices = call('refreshDevices', (_: void) => branchline.hardware.listDevices());
export const selectHeadset = call('selectHeadset', async (key: string | null) => {
  const status = await branchline.hardware.selectHeadset({ key });
  return { status, profile: await branchline.hardware.getProfile(), devices: await branchline.hardware.listDevices() };
});
export const selectSerialPort = call('selectSerialPort', async (arg: { path: string | null; kind: SerialKind }) => {
  const status = await branchline.hardware.selectSerialPort(arg);
  return { status, profile: await branchline.hardware.getProfile(), devices: await branchline.hardware.listDevices() };
});
export const saveProfile = call('saveProfile', async (profile: HardwareProfile) => {
  const status = await branchline.hardware.saveProfile(profile);
  return { status, profile: await branchline.hardware.getProfile() };
});
export const testLed = call('testLed', (arg: { led: TestLedName; on: boolean; target: 'headset' | 'serial' }) => branchline.hardware.testLed(arg));
export const testRinger = call('testRinger', (on: boolean) => branchline.hardware.testRinger({ on }));
export const simulate = call('simulate', (req: SimulateRequest) => branchline.hardware.simulate(req));
export const exportDiagnostics = call('exportDiagnostics', (_: void) => branchline.hardware.exportDiagnostics());

export const installerSlice = createSlice({
  name: 'installer',
  initialState,
  reducers: {
    deviceEvent: (state, action: PayloadAction<DeviceEvent>) => {
      state.events.unshift(action.payload);
      if (state.events.length > MAX_EVENTS) state.events.length = MAX_EVENTS;
    },
    callerIdReceived: (state, action: PayloadAction<CallerIdEvent>) => {
      state.lastCallerId = action.payload;
      state.waitingForCallerId = false;
    },
    waitForCallerId: (state) => {
      state.waitingForCallerId = true;
      state.lastCallerId = null;
    },
    devicesChanged: (state, action: PayloadAction<DeviceList>) => {
      state.devices = action.payload;
    },
    statusChanged: (state, action: PayloadAction<HardwareStatus>) => {
      state.status = action.payload;
    },
    clearError: (state) => {
      state.error = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(sessionEnded, () => initialState)
      .addCase(logout.fulfilled, () => initialState)
      .addCase(loadHardware.fulfilled, (state, { payload }) => {
        state.status = payload.status;
        state.devices = payload.devices;
        state.profile = payload.profile;
        state.events = [...payload.events].reverse();
      })
      .addCase(refreshDevices.fulfilled, (state, { payload }) => {
        state.devices = payload;
      })
      .addCase(exportDiagnostics.fulfilled, (state, { payload }) => {
        const { base64: _zip, ...rest } = payload;
        state.diagnostics = rest;
      });
    for (const thunk of [selectHeadset, selectSerialPort]) {
      builder.addCase(thunk.fulfilled, (state, { payload }) => {
        state.status = payload.status;
        state.profile = payload.profile;
        state.devices = payload.devices;
      });
    }
    builder.addCase(saveProfile.fulfilled, (state, { payload }) => {
      state.status = payload.status;
      state.profile = payload.profile;
    });
    builder
      .addMatcher(
        (a): a is PayloadAction<unknown, string> => a.type.startsWith('installer/') && a.type.endsWith('/pending'),
        (state, action) => {
          state.busy = action.type.slice('installer/'.length, -'/pending'.length);
          state.error = null;
        },
      )
      .addMatcher(
        (a): a is PayloadAction<Rejected | undefined, string> => a.type.startsWith('installer/') && a.type.endsWith('/rejected'),
        (state, action) => {
          state.busy = null;
          state.error = action.payload ?? { code: 'BL_ERR_INTERNAL', message: 'failed' };
        },
      )
      .addMatcher(
        (a) => a.type.startsWith('installer/') && a.type.endsWith('/fulfilled'),
        (state) => {
          state.busy = null;
        },
      );
  },
  selectors: {
    selectInstaller: (s) => s,
  },
});

export const { deviceEvent, callerIdReceived, waitForCallerId, devicesChanged, statusChanged, clearError } = installerSlice.actions;
export const { selectInstaller } = installerSlice.selectors;
