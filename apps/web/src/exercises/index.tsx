/** The exercise screens the app shell mounts in its navigation (same pattern as src/records/index.tsx). */
import type { ComponentType } from 'react';
import './exercises.css';
import { LibraryScreen } from './LibraryScreen.tsx';
import { ProgramScreen } from './ProgramScreen.tsx';
import { TrickScreen } from './TrickScreen.tsx';

export const exerciseScreens: Array<{ id: string; label: string; Component: ComponentType }> = [
  { id: 'exercises', label: 'Exercises', Component: LibraryScreen },
  { id: 'program', label: 'Exercise program', Component: ProgramScreen },
  { id: 'tricks', label: 'Sensory tricks', Component: TrickScreen },
];
