/* The combined roadmap chart (plotly.js, served locally; no inline script under the CSP).
 *
 * Reads the chart dict that kotacerdas.core.roadmap_chart.chart_data built (json_script), and lays it
 * out for the width it has: each initiative's full name wraps above its bar (never cut), dimension
 * lanes are shaded bands, arrows run from a predecessor's end to its successor's start, and the budget
 * per year stands beneath against the ceiling. Redrawn on resize so a phone gets shorter lines, not a
 * wider page. Axes are fixed (no drag-zoom) so a finger scrolls the page; a tap shows a bar's details.
 */
(function () {
  "use strict";
  var PALETTE = ["#1d5e8c", "#2f8f5b", "#c4742b", "#8a4f9e", "#b23a48", "#4a7f8c", "#7a7a2e", "#555555"];
  var LATEST = "#6b6b6b";
  var OVER = "#b23a48";
  var LINE = 15; // px per wrapped name line
  var BAR = 14; // px bar thickness
  var BUDGET = 200; // px budget panel

  function escape(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function wrap(text, width) {
    var lines = [];
    var line = "";
    String(text).split(/\s+/).forEach(function (word) {
      while (word.length > width) { // a single very long word still fits: split it, never drop it
        if (line) { lines.push(line); line = ""; }
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (!line) { line = word; } else if ((line + " " + word).length <= width) { line += " " + word; } else {
        lines.push(line);
        line = word;
      }
    });
    if (line) { lines.push(line); }
    return lines.length ? lines : [""];
  }

  function lanes(chart, width, first, last) {
    var chars = Math.max(20, Math.floor((width - 16) / 7));
    var out = { shapes: [], annotations: [], plan: [], latest: [], ends: {}, height: 0 };
    var y = 0;
    chart.lanes.forEach(function (lane, number) {
      var colour = PALETTE[number % PALETTE.length];
      var top = y;
      out.annotations.push({ text: "<b>" + escape(lane.label) + "</b>", x: first, y: top + 4, xref: "x", yref: "y",
        xanchor: "left", yanchor: "top", showarrow: false, font: { size: 13 } });
      y += 24;
      lane.rows.forEach(function (row) {
        var label = row.note ? row.label + " (" + row.note + ")" : row.label;
        var lines = wrap(label, chars);
        out.annotations.push({ text: lines.map(escape).join("<br>"), x: first, y: y, xref: "x", yref: "y",
          xanchor: "left", yanchor: "top", align: "left", showarrow: false, font: { size: 12 } });
        y += lines.length * LINE + 3;
        var hover = escape(label) + (row.owner ? "<br>" + escape(row.owner) : "");
        if (row.plan) {
          out.plan.push({ row: row, y: y + BAR / 2, colour: colour, bar: row.plan,
            hover: hover + "<br>" + row.plan.start + "–" + row.plan.end + (row.cost ? " · " + row.cost : "") });
          out.ends[row.code] = { start: row.plan.start, end: row.plan.end + 1, y: y + BAR / 2 };
          y += BAR + 2;
        }
        if (row.latest) {
          out.latest.push({ row: row, y: y + BAR * 0.35, bar: row.latest,
            hover: hover + "<br>" + escape(chart.text.latest) + ": " + row.latest.start + "–" + row.latest.end });
          if (!out.ends[row.code]) {
            out.ends[row.code] = { start: row.latest.start, end: row.latest.end + 1, y: y + BAR * 0.35 };
          }
          y += BAR * 0.7 + 2;
        }
        y += 10;
      });
      out.shapes.push({ type: "rect", xref: "x", yref: "y", x0: first, x1: last, y0: top, y1: y - 4,
        fillcolor: "rgba(214, 222, 230, 0.35)", line: { width: 0 }, layer: "below" });
      y += 4;
    });
    chart.arrows.forEach(function (arrow) {
      var from = out.ends[arrow.from];
      var to = out.ends[arrow.to];
      out.annotations.push({ x: to.start, y: to.y, ax: from.end, ay: from.y, xref: "x", yref: "y", axref: "x",
        ayref: "y", text: "", showarrow: true, arrowhead: 2, arrowsize: 1.2, arrowwidth: 1.3, arrowcolor: "#333" });
    });
    out.height = y;
    return out;
  }

  function barTrace(items, name, style) {
    var trace = {
      type: "bar", orientation: "h", name: name, legendgroup: style, xaxis: "x", yaxis: "y",
      base: items.map(function (i) { return i.bar.start; }),
      x: items.map(function (i) { return i.bar.end - i.bar.start + 1; }),
      y: items.map(function (i) { return i.y; }),
      width: items.map(function () { return style === "plan" ? BAR : BAR * 0.7; }),
      hovertext: items.map(function (i) { return i.hover; }), hoverinfo: "text",
    };
    trace.marker = style === "plan"
      ? { color: items.map(function (i) { return i.colour; }) }
      : { color: "#ffffff", line: { color: LATEST, width: 1 }, pattern: { shape: "/", fgcolor: LATEST, size: 6 } };
    return trace;
  }

  function budgetTraces(chart) {
    var text = chart.text;
    var shift = chart.compare ? 0.18 : 0;
    var width = chart.compare ? 0.34 : 0.6;
    var traces = [];
    [false, true].forEach(function (over) {
      var rows = chart.budget.filter(function (b) { return b.over === over; });
      traces.push({ type: "bar", xaxis: "x2", yaxis: "y2", name: over ? text.over_ceiling : text.plan,
        legendgroup: over ? "over" : "plan", showlegend: over && rows.length > 0,
        x: rows.map(function (b) { return b.year + 0.5 - shift; }), y: rows.map(function (b) { return b.total / 1e9; }),
        width: width, marker: { color: over ? OVER : PALETTE[0] }, hoverinfo: "text",
        hovertext: rows.map(function (b) { return b.year + ": " + b.total_text + "<br>" + text.ceiling + ": " + b.ceiling_text; }) });
    });
    if (chart.compare) {
      traces.push({ type: "bar", xaxis: "x2", yaxis: "y2", name: text.latest, legendgroup: "latest", showlegend: false,
        x: chart.budget.map(function (b) { return b.year + 0.5 + shift; }), y: chart.budget.map(function (b) { return b.latest / 1e9; }),
        width: width, marker: { color: "#ffffff", line: { color: LATEST, width: 1 }, pattern: { shape: "/", fgcolor: LATEST, size: 6 } },
        hoverinfo: "text", hovertext: chart.budget.map(function (b) { return b.year + ": " + b.latest_text; }) });
    }
    var xs = [];
    var ys = [];
    chart.budget.forEach(function (b) {
      if (b.ceiling !== null) { xs.push(b.year + 0.05, b.year + 0.95, null); ys.push(b.ceiling / 1e9, b.ceiling / 1e9, null); }
    });
    if (xs.length) {
      traces.push({ type: "scatter", mode: "lines", xaxis: "x2", yaxis: "y2", name: text.ceiling, x: xs, y: ys,
        line: { color: "#000", width: 2.5 }, hoverinfo: "skip" });
    }
    return traces;
  }

  function figure(chart, width) {
    var years = chart.years;
    var first = years[0];
    var last = years[years.length - 1] + 1;
    var drawn = lanes(chart, width, first, last);
    var margin = { l: 8, r: 8, t: 34, b: width < 600 ? 96 : 64 };
    var gap = 56;
    var height = margin.t + drawn.height + gap + BUDGET + margin.b;
    var plot = height - margin.t - margin.b;
    var budgetTop = BUDGET / plot;
    var ticks = years.map(function (y) { return y + 0.5; });
    var grid = [];
    for (var year = first + 1; year < last; year += 1) {
      grid.push({ type: "line", xref: "x", yref: "paper", x0: year, x1: year, y0: (BUDGET + gap) / plot, y1: 1,
        line: { color: "#c9ced4", width: 1 }, layer: "below" });
    }
    var traces = [barTrace(drawn.plan, chart.text.plan, "plan")];
    if (drawn.latest.length) { traces.push(barTrace(drawn.latest, chart.text.latest, "latest")); }
    var annotations = drawn.annotations.concat([{ text: "<b>" + escape(chart.text.budget) + "</b>", xref: "paper",
      yref: "paper", x: 0, y: budgetTop + 26 / plot, xanchor: "left", yanchor: "bottom", showarrow: false, font: { size: 13 } }]);
    var layout = {
      height: height, margin: margin, separators: ",.", barmode: "overlay", dragmode: false, hovermode: "closest",
      paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff", font: { family: "system-ui, sans-serif", color: "#1b1f23" },
      xaxis: { range: [first, last], tickvals: ticks, ticktext: years.map(String), side: "top", showgrid: false,
        zeroline: false, fixedrange: true, anchor: "y" },
      yaxis: { range: [drawn.height, 0], domain: [(BUDGET + gap) / plot, 1], visible: false, fixedrange: true },
      xaxis2: { range: [first, last], tickvals: ticks, ticktext: years.map(String), showgrid: false, zeroline: false,
        fixedrange: true, anchor: "y2" },
      yaxis2: { domain: [0, budgetTop], title: { text: chart.text.unit, font: { size: 11 } }, rangemode: "tozero",
        fixedrange: true, gridcolor: "#e3e6e9", tickformat: ",.1f", automargin: true },
      shapes: grid.concat(drawn.shapes), annotations: annotations,
      legend: { orientation: "h", x: 0, xanchor: "left", y: -0.02, yanchor: "top", yref: "paper" },
      showlegend: true,
    };
    return { data: traces.concat(budgetTraces(chart)), layout: layout };
  }

  function draw(element, chart) {
    var fig = figure(chart, element.clientWidth || 360);
    return window.Plotly.react(element, fig.data, fig.layout, { displayModeBar: false, responsive: false, scrollZoom: false });
  }

  function start() {
    var element = document.getElementById("roadmap-chart");
    if (!element || !window.Plotly) { return; }
    var chart = JSON.parse(document.getElementById(element.dataset.chart).textContent);
    var lastWidth = element.clientWidth;
    var pending = null;
    draw(element, chart).then(function () { element.dataset.drawn = "1"; });
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        if (element.clientWidth !== lastWidth) { lastWidth = element.clientWidth; draw(element, chart); }
      }, 150);
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
