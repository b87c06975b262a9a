// Vigil dashboard: the report form's time and place from the device, and live alert updates.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var when = document.getElementById("occurred_at");
  var offset = document.getElementById("utc_offset");
  if (when && offset) {
    var now = new Date();
    var pad = function (n) { return String(Math.abs(n)).padStart(2, "0"); };
    when.value = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) + "T" + pad(now.getHours()) + ":" + pad(now.getMinutes());
    var minutes = -now.getTimezoneOffset();
    offset.value = (minutes < 0 ? "-" : "+") + pad(Math.trunc(minutes / 60)) + ":" + pad(minutes % 60);
  }
  var locate = document.getElementById("locate");
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        document.getElementById("latitude").value = position.coords.latitude.toFixed(5);
        document.getElementById("longitude").value = position.coords.longitude.toFixed(5);
        locate.textContent = "Location added";
      });
    });
  }
  var status = document.getElementById("live-status");
  if (status && status.dataset.stream && window.EventSource) {
    var source = new EventSource(status.dataset.stream);
    source.addEventListener("alert", function (event) {
      var alert = JSON.parse(event.data);
      status.textContent = "New or updated alert #" + alert.id + " in " + alert.region + " (" + alert.severity + "). Reloading…";
      status.classList.add("updated");
      window.setTimeout(function () { window.location.reload(); }, 3000);
    });
  }
});
