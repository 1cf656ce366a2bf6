/** The clinic screens the app shell mounts in its navigation (same pattern as src/records/index.tsx). */
import type { ComponentType } from 'react';
import './clinic.css';
import { ClinicScreen } from './ClinicScreen.tsx';
import { ClinicianScreen } from './ClinicianScreen.tsx';
import { startAutoSync } from './store.ts';

// Offline edits wait in the outbox; this sends them when the app opens and when the device is online again.
startAutoSync();

export const clinicScreens: Array<{ id: string; label: string; Component: ComponentType }> = [
  { id: 'clinic', label: 'Clinic & sync', Component: ClinicScreen },
  { id: 'clinician', label: 'Clinician', Component: ClinicianScreen },
];
