import { combineSlices, configureStore } from '@reduxjs/toolkit';
import { agentSlice } from '../features/agent/agent-slice';
import { installerSlice } from '../features/installer/installer-slice';
import { sessionSlice } from '../features/session/session-slice';
import { softphoneSlice } from '../features/softphone/softphone-slice';
import { customersSlice } from '../features/customers/customers-slice';
import { notificationsSlice } from '../features/notifications/notifications-slice';
import { screenPopSlice } from '../features/screen-pop/screen-pop-slice';
import { syncSlice } from '../features/sync/sync-slice';
import { branchlineApi } from './branchline-api';

const rootReducer = combineSlices(sessionSlice, agentSlice, softphoneSlice, installerSlice, branchlineApi,
  screenPopSlice, syncSlice, notificationsSlice, customersSlice);
export type RootState = ReturnType<typeof rootReducer>;

export function makeStore(preloadedState?: Partial<RootState>) {
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefault) => getDefault().concat(branchlineApi.middleware),
  });
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];
