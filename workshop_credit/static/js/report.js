/* Tip-off pages: comfort only. Every form works without this script.
 * - photos are downscaled in the browser (long edge 2048 px, JPEG 85 %) and the upload shows
 *   its progress; the server still decodes and re-encodes every photo;
 * - fields appear as they apply;
 * - the receipt gets copy and print buttons.
 */
(function () {
  "use strict";

  var MAX_EDGE = 2048;
  var QUALITY = 0.85;
  var SMALL_ENOUGH = 600 * 1024;

  function downscale(file) {
    if (!window.createImageBitmap || !/^image\//.test(file.type)) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
      if (scale === 1 && file.size <= SMALL_ENOUGH) {
        return file;
      }
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) {
            resolve(file);
          } else {
            resolve(new File([blob], file.name.replace(/\.\w+$/, "") + ".jpg", { type: "image/jpeg" }));
          }
        }, "image/jpeg", QUALITY);
      });
    }, function () {
      return file; /* the browser cannot read it: the server will say what is wrong */
    });
  }

  function showPage(xhr) {
    if (xhr.responseURL && xhr.responseURL !== location.href && xhr.status < 400) {
      location.assign(xhr.responseURL); /* the receipt or status page, read again by GET */
      return;
    }
    document.open();
    document.write(xhr.responseText);
    document.close();
  }

  function sendWithProgress(form, files, input) {
    var data = new FormData(form);
    data.delete(input.name);
    files.forEach(function (file) { data.append(input.name, file, file.name); });
    var submitter = form.querySelector("[type=submit]:not([name])");
    var progress = document.createElement("progress");
    progress.className = "upload-progress";
    progress.max = 100;
    progress.value = 0;
    var label = document.createElement("p");
    label.setAttribute("role", "status");
    label.textContent = form.getAttribute("data-sending") || "";
    (submitter || form.lastElementChild).insertAdjacentElement("afterend", progress);
    progress.insertAdjacentElement("afterend", label);
    if (submitter) { submitter.disabled = true; }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || location.href);
    xhr.upload.onprogress = function (event) {
      if (event.lengthComputable) {
        progress.value = Math.round((100 * event.loaded) / event.total);
        label.textContent = (form.getAttribute("data-sending") || "") + " " + progress.value + "%";
      }
    };
    xhr.onload = function () { showPage(xhr); };
    xhr.onerror = xhr.ontimeout = function () {
      label.textContent = form.getAttribute("data-failed") || "";
      if (submitter) { submitter.disabled = false; }
    };
    xhr.send(data);
  }

  function enhanceUpload(form) {
    var input = form.querySelector("input[type=file][multiple]");
    if (!input || !window.FormData || !window.XMLHttpRequest || !window.Promise) {
      return;
    }
    form.addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.name === "remove_photo") {
        return; /* a thumbnail's remove button: an ordinary post */
      }
      event.preventDefault();
      Promise.all(Array.prototype.map.call(input.files, downscale)).then(function (files) {
        sendWithProgress(form, files, input);
      });
    });
  }

  function showWhenChecked(form, name, value, selector) {
    var parts = form.querySelectorAll(selector);
    var radios = form.querySelectorAll("input[name=" + name + "]");
    if (!parts.length || !radios.length) {
      return;
    }
    function update() {
      var chosen = form.querySelector("input[name=" + name + "]:checked");
      var show = chosen && chosen.value === value;
      parts.forEach(function (part) { part.hidden = !show; });
    }
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  }

  function enhanceFields(form) {
    form.querySelectorAll(".applies-note").forEach(function (note) { note.hidden = true; });
    showWhenChecked(form, "subject_kind", "unregistered", ".unregistered");
    showWhenChecked(form, "subject_kind", "registered", ".registered-only");
    showWhenChecked(form, "identity", "real_name", ".real-name-only");
    showWhenChecked(form, "observed_when", "earlier", ".earlier-only");
  }

  function enhanceReceipt() {
    var status = document.querySelector(".copied");
    document.querySelectorAll(".js-copy").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = document.getElementById(button.getAttribute("data-copy")).textContent;
        var done = function () { if (status) { status.textContent = status.getAttribute("data-copied"); } };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(done);
        }
      });
    });
    document.querySelectorAll(".js-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.querySelectorAll("form.report-form[enctype='multipart/form-data']").forEach(function (form) {
    enhanceUpload(form);
    enhanceFields(form);
  });
  enhanceReceipt();
})();
