/** The records screens the app shell mounts in its navigation. */
import type { ComponentType } from 'react';
import './records.css';
import { ChartsScreen } from './ChartsScreen.tsx';
import { DataScreen } from './DataScreen.tsx';
import { DiaryScreen } from './DiaryScreen.tsx';
import { IntakeScreen } from './IntakeScreen.tsx';
import { ImportScreen } from './ImportScreen.tsx';
import { RatingsScreen } from './RatingsScreen.tsx';
import { TreatmentsScreen } from './TreatmentsScreen.tsx';

export const recordsScreens: Array<{ id: string; label: string; Component: ComponentType }> = [
  { id: 'diary', label: 'Diary', Component: DiaryScreen },
  { id: 'treatments', label: 'Treatments', Component: TreatmentsScreen },
  { id: 'ratings', label: 'Rated scales', Component: RatingsScreen },
  { id: 'charts', label: 'Charts', Component: ChartsScreen },
  { id: 'intake', label: 'First-visit history', Component: IntakeScreen },
  { id: 'report', label: 'Report & backup', Component: DataScreen },
  { id: 'import', label: 'Import', Component: ImportScreen },
];
