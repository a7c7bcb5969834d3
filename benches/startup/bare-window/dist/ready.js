// Tells the Rust side the page is loaded (prints `w2b-ready <ms>` when W2B_STARTUP_REPORT is set).
window.addEventListener("load", () => {
  window.__TAURI__.core.invoke("report_ready").catch((error) => console.error(error));
});
