import type { ReactNode } from "react"; export function ExamScreen(): ReactNode { return <p>Exam</p>; }
