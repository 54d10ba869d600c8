import { combineSlices, configureStore } from '@reduxjs/toolkit';
import { agentSlice } from '../features/agent/agent-slice';
import { sessionSlice } from '../features/session/session-slice';
import { softphoneSlice } from '../features/softphone/softphone-slice';
import { branchlineApi } from './branchline-api';

const rootReducer = combineSlices(sessionSlice, agentSlice, softphoneSlice, branchlineApi);
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
