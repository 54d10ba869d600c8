import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { App } from './App';
import { makeStore } from './app/store';
import { branchline } from './bridge/branchline';
import { wireWorkstationEvents } from './app/workstation-events';
import { statusPushed } from './features/agent/agent-slice';
import { hubLinkChanged, sessionEnded } from './features/session/session-slice';
import './i18n';

const store = makeStore();

// Pushed events from the seat services flow into the store; components only read the store.
branchline.agent.onStatusChanged((status) => store.dispatch(statusPushed(status)));
branchline.hub.onLinkChanged((link) => store.dispatch(hubLinkChanged(link)));
branchline.auth.onSessionEnded(() => store.dispatch(sessionEnded()));
wireWorkstationEvents(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={store}>
      <App />
    </Provider>
  </StrictMode>,
);
