import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { UserInfo } from '../../../../protocol/auth';
import type { AppInfo, HubLink, Locale } from '../../../../protocol/seat-api';
import { branchline } from '../../bridge/branchline';
import { changeLocale } from '../../i18n';

export interface SessionState {
  info: AppInfo | null;
  user: UserInfo | null;
  locale: Locale;
  hubLink: HubLink | null;
  loginPending: boolean;
  loginError: { code: string; message: string } | null;
}

const initialState: SessionState = { info: null, user: null, locale: 'zh-CN', hubLink: null, loginPending: false, loginError: null };

export const loadAppInfo = createAsyncThunk('session/loadAppInfo', async () => {
  const [info, user, hubLink] = await Promise.all([branchline.app.getInfo(), branchline.auth.current(), branchline.hub.getLink()]);
  await changeLocale(info.locale);
  return { info, user, hubLink };
});

export const login = createAsyncThunk('session/login', async (credentials: { username: string; password: string }, { rejectWithValue }) => {
  try {
    return await branchline.auth.login(credentials);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return rejectWithValue({ code: e.code ?? 'BL_ERR_INTERNAL', message: e.message ?? String(err) });
  }
});

export const logout = createAsyncThunk('session/logout', async () => {
  await branchline.auth.logout().catch(() => undefined);
});

export const setLocale = createAsyncThunk('session/setLocale', async (locale: Locale) => {
  await changeLocale(locale);
  await branchline.app.setLocale({ locale }).catch(() => undefined);
  return locale;
});

export const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    sessionEnded: (state) => {
      state.user = null;
    },
    hubLinkChanged: (state, action: PayloadAction<HubLink>) => {
      state.hubLink = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadAppInfo.fulfilled, (state, { payload }) => {
        state.info = payload.info;
        state.locale = payload.info.locale;
        state.user = payload.user;
        state.hubLink = payload.hubLink;
      })
      .addCase(login.pending, (state) => {
        state.loginPending = true;
        state.loginError = null;
      })
      .addCase(login.fulfilled, (state, { payload }) => {
        state.loginPending = false;
        state.user = payload;
      })
      .addCase(login.rejected, (state, action) => {
        state.loginPending = false;
        state.loginError = (action.payload as SessionState['loginError']) ?? { code: 'BL_ERR_INTERNAL', message: action.error.message ?? '' };
      })
      .addCase(logout.fulfilled, (state) => {
        state.user = null;
      })
      .addCase(setLocale.fulfilled, (state, { payload }) => {
        state.locale = payload;
      });
  },
  selectors: {
    selectUser: (s) => s.user,
    selectLocale: (s) => s.locale,
    selectHubLink: (s) => s.hubLink,
    selectAppInfo: (s) => s.info,
  },
});

export const { sessionEnded, hubLinkChanged } = sessionSlice.actions;
export const { selectUser, selectLocale, selectHubLink, selectAppInfo } = sessionSlice.selectors;
