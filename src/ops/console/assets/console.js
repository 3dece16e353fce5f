// The console's only script. The pages work without it; it adds live filtering, an optional
// refresh, and the action buttons (POST with the admin token in a header).
"use strict";
document.body.classList.add("js");

// Live filter: typing in an input with data-filter hides the rows of that table that do not match.
for (const input of document.querySelectorAll("input[data-filter]")) {
  const table = document.getElementById(input.dataset.filter);
  if (!table) continue;
  input.addEventListener("input", () => {
    const needle = input.value.trim().toLowerCase();
    for (const row of table.tBodies[0].rows) {
      row.hidden = needle !== "" && !row.textContent.toLowerCase().includes(needle);
    }
  });
}

// Refresh every 10 s while the box is ticked; the choice survives the reload.
const refresh = document.getElementById("auto-refresh");
if (refresh) {
  refresh.checked = sessionStorage.getItem("newswire-refresh") === "on";
  refresh.addEventListener("change", () => {
    sessionStorage.setItem("newswire-refresh", refresh.checked ? "on" : "off");
  });
  setInterval(() => { if (refresh.checked) location.reload(); }, 10000);
}

// The admin token is kept for this tab only.
const token = document.getElementById("admin-token");
if (token) {
  token.value = sessionStorage.getItem("newswire-token") || "";
  token.addEventListener("change", () => sessionStorage.setItem("newswire-token", token.value));
}

const result = document.getElementById("action-result");
for (const button of document.querySelectorAll("button.action")) {
  button.addEventListener("click", async () => {
    const headers = {};
    const value = token ? token.value : "";
    if (value) headers["X-Newswire-Token"] = value;
    result.className = "";
    result.textContent = "…";
    try {
      const response = await fetch(button.dataset.action, { method: "POST", headers });
      result.textContent = (await response.text()).trim();
      result.className = response.ok ? "status ok" : "status failing";
      result.dataset.code = String(response.status);
    } catch (e) {
      result.textContent = "request failed: " + e;
      result.className = "status failing";
    }
  });
}
