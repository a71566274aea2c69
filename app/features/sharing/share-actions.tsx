import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/button.tsx";

/**
 * The phone's share sheet and "copy link", where the browser has them. Without
 * JavaScript (or without these APIs) the buttons are not shown: the link is
 * on the page to select and copy, and the QR code to scan.
 */
export function ShareActions({ url, title, text }: { url: string; title: string; text: string }) {
  const { t } = useTranslation("flows");
  const [support, setSupport] = useState({ share: false, copy: false });
  const [status, setStatus] = useState("");

  useEffect(() => {
    setSupport({
      share: typeof navigator.share === "function",
      copy: typeof navigator.clipboard?.writeText === "function",
    });
  }, []);

  async function share() {
    try {
      await navigator.share({ title, text, url });
      setStatus(t("share.shared"));
    } catch (error) {
      // Closing the share sheet is not an error worth mentioning.
      if ((error as DOMException).name !== "AbortError") setStatus(t("share.share_failed"));
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus(t("share.copied"));
    } catch {
      setStatus(t("share.copy_failed"));
    }
  }

  return (
    <div className="stack">
      {support.share || support.copy ? (
        <div className="actions">
          {support.share ? (
            <Button type="button" onClick={() => void share()}>
              {t("share.share_button")}
            </Button>
          ) : null}
          {support.copy ? (
            <Button type="button" appearance="secondary" onClick={() => void copy()}>
              {t("share.copy_button")}
            </Button>
          ) : null}
        </div>
      ) : null}
      <p className="utrecht-paragraph" role="status">
        {status}
      </p>
    </div>
  );
}
