/* 朗读: reads the verdict and the key facts aloud where the browser can speak (Web Speech
   API). The page is complete without it: the button stays hidden where speech is missing. */
(function () {
  "use strict";
  var button = document.getElementById("read-aloud");
  if (!button || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    var parts = Array.prototype.map.call(document.querySelectorAll("[data-read]"), function (e) {
      return e.textContent.replace(/\s+/g, " ").trim();
    });
    var utterance = new window.SpeechSynthesisUtterance(parts.join("。"));
    utterance.lang = document.documentElement.lang === "en" ? "en-GB" : "zh-CN";
    utterance.rate = 0.9;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  });
})();
