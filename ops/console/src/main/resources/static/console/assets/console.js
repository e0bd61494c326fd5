// Draws the refusals-by-rule chart from the JSON the page embeds; the same numbers are in a table.
(function () {
  var holder = document.getElementById('refusal-chart');
  var data = document.getElementById('refusal-data');
  if (!holder || !data || typeof echarts === 'undefined') { return; }
  var chart = JSON.parse(data.textContent);
  var plot = echarts.init(holder, null, { renderer: 'svg' });
  plot.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: chart.days },
    yAxis: { type: 'value', minInterval: 1 },
    series: chart.series.map(function (s) { return { name: s.rule, type: 'bar', stack: 'refusals', data: s.counts }; })
  });
  window.addEventListener('resize', function () { plot.resize(); });
})();
