/** Customer import progress, pushed by the seat while a file is being read (the bar in ImportExport). */
import { createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { ImportProgress } from '../../../../protocol/workstation';

export interface CustomersState {
  importing: ImportProgress | null;
}

const initialState: CustomersState = { importing: null };

export const customersSlice = createSlice({
  name: 'customers',
  initialState,
  reducers: {
    importProgressed: (state, action: PayloadAction<ImportProgress>) => {
      // Progress of an older job (another tab's import) never moves the bar backwards.
      if (state.importing && state.importing.jobId === action.payload.jobId && action.payload.done < state.importing.done) return;
      state.importing = action.payload;
    },
    importFinished: (state) => {
      state.importing = null;
    },
  },
  selectors: {
    selectImportProgress: (s) => s.importing,
  },
});

export const { importProgressed, importFinished } = customersSlice.actions;
export const { selectImportProgress } = customersSlice.selectors;
