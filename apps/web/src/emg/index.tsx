import { EmgScreen } from './EmgScreen.tsx';

/** The EMG screen for the app's navigation (one entry). */
export const emgScreens = [{ id: 'emg', label: 'Muscle (EMG)', Component: EmgScreen }];
