// Reactions: the charts of the actor and timeline pages. They read their data from the JSON the
// page carries (Django's json_script) so that no inline script is needed (Content-Security-Policy).
// Clicking a bar opens the statements list for that period; every chart has a table or list beside
// it, so nothing depends on this file.
(function () {
  "use strict";

  var ACT_COLOURS = {
    statement: "#8a94a3", appeal: "#2f6fdb", cooperate: "#2a9d8f", consult: "#6c8ebf",
    support: "#3a9a4a", demand: "#8e5bd1", disapprove: "#e07b27", reject: "#c62f3b"
  };
  var PALETTE = ["#0b6e4f", "#2f6fdb", "#e07b27", "#8e5bd1", "#c62f3b", "#2a9d8f", "#b08d1a", "#8a94a3"];

  function colour(key, index) {
    return ACT_COLOURS[key] || PALETTE[index % PALETTE.length];
  }

  function listLink(base, from, to) {
    var url = new URL(base, window.location.href);
    url.searchParams.set("said_from", from);
    url.searchParams.set("said_to", to);
    return url.toString();
  }

  // Dashed lines at the curated developments of the crisis, on the bar of the period holding them.
  function eventLines(data) {
    return {
      id: "eventLines",
      afterDatasetsDraw: function (chart) {
        var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
        (data.events || []).forEach(function (event) {
          var index = -1;
          data.periods.forEach(function (start, i) { if (start <= event.day) { index = i; } });
          if (index < 0 || event.day > data.ends[data.ends.length - 1]) { return; }
          var px = x.getPixelForValue(index);
          ctx.save();
          ctx.strokeStyle = "#1d232b";
          ctx.setLineDash([4, 4]);
          ctx.beginPath();
          ctx.moveTo(px, area.top);
          ctx.lineTo(px, area.bottom);
          ctx.stroke();
          ctx.restore();
        });
      }
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!window.Chart || !source || canvas.dataset.drawn) { return; }
    var data = JSON.parse(source.textContent);
    canvas.dataset.drawn = "1";
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.periods,
        datasets: data.series.map(function (s, i) {
          return { label: s.name, data: s.counts, backgroundColor: colour(s.key, i), stack: "all" };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              afterBody: function (items) {
                var day = data.periods[items[0].dataIndex];
                return data.events.filter(function (e) { return e.day === day; }).map(function (e) { return e.name; });
              }
            }
          }
        },
        onClick: function (evt, elements) {
          if (!elements.length || !canvas.dataset.link) { return; }
          var i = elements[0].index;
          window.location.assign(listLink(canvas.dataset.link, data.periods[i], data.ends[i]));
        }
      },
      plugins: [eventLines(data)]
    });
  }

  function drawAll() {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  // "Copy" buttons (hidden without JavaScript, where the text box can be selected by hand): copy the
  // text of the element named by data-copy and say so on the button.
  function wireCopyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.dataset.copy);
      if (!source || !navigator.clipboard || button.dataset.wired) { return; }
      button.dataset.wired = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.value || source.textContent).then(function () {
          button.textContent = "Copied";
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", wireCopyButtons);
  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
})();
