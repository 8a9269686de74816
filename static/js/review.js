// The review queue (/review/): keys for the verdicts, and the words chosen by selecting them in the
// article. The form works without this file: the buttons submit, the offsets are number fields.
(function () {
  "use strict";

  function inField(target) {
    return target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName));
  }

  // The offset of (node, offset) in the article's text: the length of the text before it.
  function offsetIn(container, node, offset) {
    var range = document.createRange();
    range.setStart(container, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function chooseWords(article, form) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) { return; }
    var start = offsetIn(article, range.startContainer, range.startOffset);
    var end = offsetIn(article, range.endContainer, range.endOffset);
    if (end <= start) { return; }
    form.elements.start.value = start;
    form.elements.end.value = end;
    var chosen = document.getElementById("chosen");
    if (chosen) { chosen.textContent = "«" + range.toString().trim() + "»"; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("review-form");
    var article = document.getElementById("article-text");
    if (!form) { return; }
    if (article) {
      var words = document.getElementById("words");
      // The words in view inside the article's box, the page itself left where it is.
      if (words) { article.scrollTop = words.offsetTop - article.clientHeight / 3; }  // offsetParent: the box
      article.addEventListener("mouseup", function () { chooseWords(article, form); });
      article.addEventListener("keyup", function () { chooseWords(article, form); });
      article.addEventListener("touchend", function () { window.setTimeout(function () { chooseWords(article, form); }, 0); });
    }
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) { return; }
      if (inField(event.target)) {
        if (event.key === "Escape") { event.target.blur(); }
        return;  // Enter in a field submits the form: its first button saves the correction
      }
      var focus = form.querySelector('[data-focus-key="' + event.key + '"]');
      if (event.key === "d") { focus = form.elements.said_on; }
      if (focus) {
        event.preventDefault();
        focus.focus();
        return;
      }
      var button = form.querySelector('button[data-key="' + event.key + '"]');
      if (button && event.key !== "Enter") {
        event.preventDefault();
        button.click();
      }
    });
  });
})();
