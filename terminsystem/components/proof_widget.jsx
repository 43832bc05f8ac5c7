// The proof-of-work widget (ALTCHA, bundled with the app: nothing is fetched from elsewhere).
// It is loaded only on the pages that use it (a lazy chunk), speaks the page's language with our
// own translated texts, and solves the challenge when the form is submitted: it holds the submit
// back, works for about half a second, puts the solution into a hidden input "altcha" of the form
// and submits again. A new challenge (after each use) gives a fresh widget.
//
// A form sent before the widget listens (its chunk or the page's challenge still on the way, or a
// fresh widget after a new challenge) is held here, not sent without proof, and sent as soon as
// the widget has loaded (meanwhile the person reads that the check is running); should that never
// happen, it goes after HOLD_MS and the server says what is missing.
import { useEffect, useLayoutEffect, useRef, useState } from "react";

const CONFIGURATION = JSON.stringify({ hideFooter: true, hideLogo: true, humanInteractionSignature: false });
const HOLD_MS = 15000;

export function ProofWidget({ challenge, lang, strings }) {
  const [ready, setReady] = useState(false);
  const [holding, setHolding] = useState(false);
  const box = useRef(null);
  const widget = useRef(null);
  const listening = useRef(false);
  const held = useRef(null);

  useEffect(() => {
    let live = true;
    import("altcha").then(() => {
      if (strings) globalThis.$altcha.i18n.set(lang, JSON.parse(strings));
      if (live) setReady(true);
    });
    return () => { live = false; };
  }, [lang, strings]);

  useEffect(() => {
    const form = box.current?.closest("form");
    if (!form) return undefined;
    let timer = null;
    let passing = false;
    const send = (submitter) => {
      setHolding(false);
      if (submitter && submitter.form === form) form.requestSubmit(submitter);
      else form.requestSubmit();
    };
    const hold = (event) => {
      if (listening.current || passing) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      held.current = { submitter: event.submitter, send };
      setHolding(true);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const waiting = held.current;
        held.current = null;
        if (!waiting) return;
        passing = true;
        try { send(waiting.submitter); } finally { passing = false; }
      }, HOLD_MS);
    };
    form.addEventListener("submit", hold, { capture: true });
    return () => { clearTimeout(timer); form.removeEventListener("submit", hold, { capture: true }); };
  }, []);

  // A layout effect: the element's "load" follows its insertion by a few microtasks only.
  const key = challenge + lang;
  useLayoutEffect(() => {
    const element = widget.current;
    listening.current = false;
    if (!element) return undefined;
    const loaded = () => {
      listening.current = true;
      const waiting = held.current;
      held.current = null;
      if (waiting) waiting.send(waiting.submitter);
    };
    element.addEventListener("load", loaded);
    return () => { element.removeEventListener("load", loaded); listening.current = false; };
  }, [ready, key]);

  return (
    <div ref={box} style={{ display: "contents" }}>
      {holding ? <p className="ts-hint" role="status">{JSON.parse(strings || "{}").verifying}</p> : null}
      {ready && challenge ? (
        <altcha-widget ref={widget} key={key} challenge={challenge} auto="onsubmit" name="altcha"
          language={lang} configuration={CONFIGURATION} />
      ) : null}
    </div>
  );
}
