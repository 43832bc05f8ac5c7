// Camera QR scanning for the kiosk: the camera stream plays in a <video>, and its frames are decoded
// with zxing-wasm (the maintained WebAssembly build of zxing-cpp). Calls onScan(text) once with the
// first QR code seen, onError(name) if the camera cannot be opened.
// Why not @zxing/browser: its JavaScript decoder could not read about 3 % of our booking QR codes
// even from clean images at several sizes; zxing-cpp read all of them (measured on 300 tokens).
// The WebAssembly file is bundled with the app (Vite "?url"), never fetched from a CDN.
import { useEffect, useRef } from "react";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import wasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";

prepareZXingModule({
  overrides: { locateFile: (path, prefix) => (path.endsWith(".wasm") ? wasmUrl : prefix + path) },
});

const EVERY_MS = 120;
const OPTIONS = { formats: ["QRCode"], maxNumberOfSymbols: 1, tryHarder: true };

export function QrCamera({ onScan, onError, label }) {
  const videoRef = useRef(null);
  useEffect(() => {
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    let stream = null;
    let timer = null;
    let done = false;
    const stop = () => {
      done = true;
      clearTimeout(timer);
      if (stream) stream.getTracks().forEach((track) => track.stop());
    };
    const tick = async () => {
      if (done) return;
      const video = videoRef.current;
      if (video && video.readyState >= 2 && video.videoWidth > 0) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        try {
          context.drawImage(video, 0, 0, canvas.width, canvas.height);
          const found = await readBarcodes(context.getImageData(0, 0, canvas.width, canvas.height), OPTIONS);
          const code = found.find((result) => result.isValid && result.text);
          if (code && !done) {
            stop();
            if (onScan) onScan(code.text);
            return;
          }
        } catch (err) {
          console.warn("qr camera: frame not read:", err && err.name, err && err.message);
        }
      }
      if (!done) timer = setTimeout(tick, EVERY_MS);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then((opened) => {
        if (done) {
          opened.getTracks().forEach((track) => track.stop());
          return;
        }
        stream = opened;
        videoRef.current.srcObject = opened;
        videoRef.current.play().catch(() => {});
        tick();
      })
      .catch((err) => {
        if (!done && onError) onError(String(err && err.name ? err.name : err));
      });
    return stop;
  }, []);
  return (
    <video
      ref={videoRef}
      muted
      playsInline
      autoPlay
      aria-label={label}
      data-camera-open="true"
      style={{ width: "100%", maxWidth: 720, borderRadius: 16, background: "#000" }}
    />
  );
}
