import type { AppServices } from "#app/services.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { countUrgentOpen } from "#app/features/signals/reading.server.ts";
import { navigationItems, type BadgeCounter } from "./navigation.ts";

// The navigation as the root loader sends it: the items the viewer may open,
// with the counts of their badges.

const counters: Record<BadgeCounter, (services: AppServices, viewer: Viewer) => Promise<number>> = {
  "signals:urgent-open": countUrgentOpen,
};

export interface ShellNavigationItem {
  to: string;
  label: string;
  badge?: { count: number; label: string };
}

export async function navigationFor(services: AppServices, viewer: Viewer | null): Promise<ShellNavigationItem[]> {
  if (!viewer) return [];
  const visible = navigationItems.filter((item) => can(viewer, item.permission));
  return Promise.all(
    visible.map(async ({ to, label, badge }) =>
      badge ? { to, label, badge: { count: await counters[badge.counter](services, viewer), label: badge.label } } : { to, label },
    ),
  );
}
