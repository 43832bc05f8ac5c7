// Camera QR scanning for the kiosk, with @zxing/browser (a maintained port of ZXing).
// Calls onScan(text) once with the first QR code seen, onError(message) if the camera fails.
import { useEffect, useRef } from "react";
import { BrowserQRCodeReader } from "@zxing/browser";

export function QrCamera({ onScan, onError, label }) {
  const videoRef = useRef(null);
  useEffect(() => {
    const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 100 });
    let controls = null;
    let done = false;
    reader
      .decodeFromVideoDevice(undefined, videoRef.current, (result, _error, ctrl) => {
        if (result && !done) {
          done = true;
          ctrl.stop();
          if (onScan) onScan(result.getText());
        }
      })
      .then((ctrl) => {
        controls = ctrl;
        if (done) ctrl.stop();
      })
      .catch((err) => {
        if (onError) onError(String(err && err.name ? err.name : err));
      });
    return () => {
      done = true;
      if (controls) controls.stop();
    };
  }, []);
  return (
    <video
      ref={videoRef}
      muted
      playsInline
      aria-label={label}
      data-camera-open="true"
      style={{ width: "100%", maxWidth: 720, borderRadius: 16, background: "#000" }}
    />
  );
}
