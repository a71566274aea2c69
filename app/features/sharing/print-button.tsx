import { useEffect, useState } from "react";
import { Button } from "#app/components/ui/button.tsx";

/** A print button once JavaScript runs; without it the page says to use the browser's print menu. */
export function PrintButton({ label }: { label: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(typeof window.print === "function"), []);
  if (!ready) return null;
  return (
    <Button type="button" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
