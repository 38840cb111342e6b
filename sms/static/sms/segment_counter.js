// Shows "N of 160 characters" under SMS text boxes, and warns about characters that
// would make the text cost more (smart quotes, emoji).
(function () {
  var GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var EXT = "^{}\\[~]|€\f";
  function count(text) {
    var length = 0, bad = [];
    for (var ch of text) {
      if (GSM.indexOf(ch) >= 0) length += 1;
      else if (EXT.indexOf(ch) >= 0) length += 2;
      else { length += 1; if (bad.indexOf(ch) < 0) bad.push(ch); }
    }
    return { length: length, bad: bad };
  }
  function attach(box) {
    var out = document.getElementById(box.id + "-counter");
    if (!out) return;
    function update() {
      var result = count(box.value);
      var message = result.length + " of 160 characters";
      if (result.bad.length) message += ". Not allowed: " + result.bad.join(" ");
      else if (result.length > 160) message += ". Too long for one text";
      out.textContent = message;
    }
    box.addEventListener("input", update);
    update();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-segment-counter]").forEach(attach);
  });
})();
