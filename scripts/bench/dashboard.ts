// Placeholder until the dashboard lands; replaced by the real measurement.
export interface DashboardFigures {
  database: string;
  signals: number;
  view: string;
  p50: number;
  p95: number;
  runs: number;
}
export async function measureDashboard(_options: { step: (m: string) => void; workDirectory: string }): Promise<DashboardFigures[]> {
  return [];
}
