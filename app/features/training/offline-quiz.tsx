import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { RadioGroup } from "#app/components/ui/choice-fields.tsx";
import { sendTrainingOutbox } from "#app/features/pwa/device-data.ts";
import {
  addTrainingAttempt,
  listTrainingOutbox,
  removeTrainingAttempt,
  TRAINING_OUTBOX_CHANNEL,
  type TrainingOutboxEntry,
} from "./offline-outbox.ts";

// Answering a module on the device, without a connection (decision 0904):
// one question at a time with its explanation, as on the server's pages; the
// whole attempt then waits in the training outbox until it can be sent. Shown
// only with JavaScript (it needs the device's storage); without it the
// server's pages are the way, and they need a connection.

export interface OfflineQuestion {
  id: string;
  text: string;
  options: { id: string; label: string }[];
  answer: string;
  explanation: string;
}

type Step = { kind: "idle" } | { kind: "question"; index: number; error: boolean } | { kind: "explanation"; index: number };

export function OfflineQuiz({ moduleId, passScore, questions }: { moduleId: string; passScore: number; questions: OfflineQuestion[] }) {
  const { t } = useTranslation("training");
  const [ready, setReady] = useState(false);
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [choice, setChoice] = useState<string | null>(null);
  const [entry, setEntry] = useState<TrainingOutboxEntry | null>(null);

  const refresh = useCallback(async () => {
    const own = (await listTrainingOutbox().catch(() => [])).filter((e) => e.moduleId === moduleId);
    setEntry(own.at(-1) ?? null);
  }, [moduleId]);

  useEffect(() => {
    setReady(typeof indexedDB !== "undefined");
    void refresh();
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(TRAINING_OUTBOX_CHANNEL);
    channel.onmessage = () => void refresh();
    return () => channel.close();
  }, [refresh]);

  if (!ready) return null;
  const total = questions.length;
  const score = (given: Record<string, string>) => questions.filter((q) => given[q.id] === q.answer).length;

  const finish = async (given: Record<string, string>) => {
    await addTrainingAttempt({ key: crypto.randomUUID(), moduleId, answers: given });
    setStep({ kind: "idle" });
    setAnswers({});
    await refresh();
    if (navigator.onLine) await sendTrainingOutbox().catch(() => undefined);
    await refresh();
  };

  let body: React.ReactNode;
  if (step.kind === "question") {
    const question = questions[step.index]!;
    body = (
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!choice) return setStep({ ...step, error: true });
          setAnswers({ ...answers, [question.id]: choice });
          setStep({ kind: "explanation", index: step.index });
        }}
      >
        <Paragraph className="onboarding-progress">{t("question.progress", { number: step.index + 1, total })}</Paragraph>
        <RadioGroup
          key={question.id}
          id={`offline-${question.id}`}
          name={`offline-${question.id}`}
          legend={question.text}
          options={question.options.map((option) => ({ value: option.id, label: option.label }))}
          errors={step.error ? [t("errors.choose")] : undefined}
        />
        <OptionWatcher name={`offline-${question.id}`} onChange={setChoice} />
        <Button>{t("question.submit")}</Button>
      </form>
    );
  } else if (step.kind === "explanation") {
    const question = questions[step.index]!;
    const right = answers[question.id] === question.answer;
    const last = step.index === total - 1;
    body = (
      <div className="stack">
        <Paragraph className="onboarding-progress">{t("question.progress", { number: step.index + 1, total })}</Paragraph>
        <Heading level={3}>{question.text}</Heading>
        <Alert kind={right ? "ok" : "warning"}>
          <span data-testid="offline-verdict">{t(right ? "question.right" : "question.wrong")}</span>
        </Alert>
        {right ? null : <Paragraph>{t("question.right_answer", { answer: question.options.find((o) => o.id === question.answer)?.label ?? "" })}</Paragraph>}
        <Paragraph data-testid="offline-explanation">{question.explanation}</Paragraph>
        <Button
          type="button"
          onClick={() => {
            setChoice(null);
            if (last) void finish(answers);
            else setStep({ kind: "question", index: step.index + 1, error: false });
          }}
        >
          {t(last ? "question.see_result" : "question.next")}
        </Button>
      </div>
    );
  } else {
    body = (
      <>
        <Paragraph>{t("offline.intro")}</Paragraph>
        <Button
          type="button"
          appearance="secondary"
          onClick={() => {
            setAnswers({});
            setChoice(null);
            setStep({ kind: "question", index: 0, error: false });
          }}
        >
          {t("offline.start")}
        </Button>
      </>
    );
  }

  return (
    <section className="stack card" aria-labelledby="offline-quiz-heading" data-testid="offline-quiz">
      <Heading level={2} id="offline-quiz-heading">
        {t("offline.heading")}
      </Heading>
      {entry && step.kind === "idle" ? <OutboxStatus entry={entry} passScore={passScore} total={total} score={score(entry.answers)} onDismiss={() => void removeTrainingAttempt(entry.key).then(refresh)} /> : null}
      {body}
    </section>
  );
}

/** Follows which option of a radio group is checked (the group itself stays a plain, uncontrolled fieldset). */
function OptionWatcher({ name, onChange }: { name: string; onChange: (value: string | null) => void }) {
  useEffect(() => {
    const listener = (event: Event) => {
      const target = event.target as HTMLInputElement | null;
      if (target?.name === name && target.checked) onChange(target.value);
    };
    document.addEventListener("change", listener);
    return () => document.removeEventListener("change", listener);
  }, [name, onChange]);
  return null;
}

function OutboxStatus({ entry, passScore, total, score, onDismiss }: { entry: TrainingOutboxEntry; passScore: number; total: number; score: number; onDismiss: () => void }) {
  const { t } = useTranslation("training");
  if (entry.status === "waiting") {
    return (
      <Alert kind="info">
        <span data-testid="offline-status">{t("offline.waiting", { score, total })}</span>
      </Alert>
    );
  }
  if (entry.status === "refused") {
    return (
      <Alert kind="error">
        <span data-testid="offline-status">{t("offline.refused", { reason: entry.reason ?? "" })}</span>{" "}
        <button type="button" className="utrecht-link-button utrecht-link-button--html-button" onClick={onDismiss}>
          {t("offline.dismiss")}
        </button>
      </Alert>
    );
  }
  const result = entry.result;
  const passed = result ? result.passed : score >= passScore;
  return (
    <Alert kind={passed ? "ok" : "warning"}>
      <span data-testid="offline-status">
        {passed ? t("offline.sent_passed", { score: result?.correct ?? score, total }) : t("offline.sent_not_passed", { score: result?.correct ?? score, total, needed: passScore })}
      </span>
      {result?.certified ? (
        <>
          {" "}
          <span data-testid="offline-certified">{t("offline.certified")}</span>{" "}
          <Link className="utrecht-link" to="/training/certificaat">
            {t("overview.certificate_link")}
          </Link>
        </>
      ) : null}
    </Alert>
  );
}
