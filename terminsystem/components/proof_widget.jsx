// The proof-of-work widget (ALTCHA, bundled with the app: nothing is fetched from elsewhere).
// It is loaded only on the pages that use it (a lazy chunk), speaks the page's language with our
// own translated texts, and solves the challenge when the form is submitted: it holds the submit
// back, works for about half a second, puts the solution into a hidden input "altcha" of the form
// and submits again. A new challenge (after each use) gives a fresh widget.
import { useEffect, useState } from "react";

const CONFIGURATION = JSON.stringify({ hideFooter: true, hideLogo: true, humanInteractionSignature: false });

export function ProofWidget({ challenge, lang, strings }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    import("altcha").then(() => {
      if (strings) globalThis.$altcha.i18n.set(lang, JSON.parse(strings));
      if (live) setReady(true);
    });
    return () => { live = false; };
  }, [lang, strings]);
  if (!ready || !challenge) return null;
  return (
    <altcha-widget key={challenge + lang} challenge={challenge} auto="onsubmit" name="altcha"
      language={lang} configuration={CONFIGURATION} />
  );
}
