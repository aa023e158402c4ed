// investmap web viewer: draws the JSON tile pyramid described by ./tiles.json on a 2D canvas.
// No dependencies and no build step. Tiles are {"layers":{NAME:{"extent":4096,"features":[…]}}}
// with integer coordinates in tile units (x right, y down), Web Mercator XYZ addressing.
'use strict';

// ---------------------------------------------------------------------------------------------
// Error recording: the headless test reads document.body.dataset.errors and <pre id="errors">.
const recordedErrors = [];
function recordError(message) {
  recordedErrors.push(String(message));
  document.body.dataset.errors = String(recordedErrors.length);
  const pre = document.getElementById('errors');
  if (pre) pre.textContent = recordedErrors.join('\n');
}
{
  const originalConsoleError = console.error.bind(console);
  console.error = (...args) => {
    recordError(args.map((a) => (a instanceof Error ? a.stack || a.message : String(a))).join(' '));
    originalConsoleError(...args);
  };
  window.addEventListener('error', (event) => recordError(`${event.message} (${event.filename}:${event.lineno})`));
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason;
    recordError(`unhandled rejection: ${reason instanceof Error ? reason.stack || reason.message : reason}`);
  });
  document.body.dataset.errors = '0';
  document.body.dataset.state = 'loading';
}

// ---------------------------------------------------------------------------------------------
// Constants and small helpers.
const SEA_COLOUR = '#d4e4ef';          // map background (the sea); Scripts/viewer_check.py reads it
const TILE_SIZE = 256;                  // CSS pixels of a tile at an integer zoom
const CACHE_LIMIT = 512;                // tiles kept in memory (least recently used evicted)
const MAX_IN_FLIGHT = 8;                // concurrent tile requests
const HIT_RADIUS = 6;                   // CSS pixels around a point that count as hovering it
const PROJECT_COLOUR = '#1f4e9c';
const SITE_COLOUR = '#262626';
const POLYGON_BORDERS = {               // border colour and width (CSS px) per polygon layer
  prefectures: { colour: 'rgba(60, 60, 60, 0.85)', width: 0.8 },
  municipalities: { colour: 'rgba(80, 80, 80, 0.35)', width: 0.5 },
};
const STATUS_LABELS = { planned: '計画中', under_construction: '建設中', operating: '稼働中', withdrawn: '撤回' };
const PLAN_LABELS = { A: 'A 戦略産業クラスター計画', B: 'B 地域産業クラスター計画', C: 'C 地域未来投資' };

const clamp = (value, low, high) => Math.min(high, Math.max(low, value));
const numberFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });

/// Longitude/latitude (degrees) → Web Mercator world coordinates in [0, 1] (y down).
function project(lon, lat) {
  const sin = Math.sin((clamp(lat, -85.0511, 85.0511) * Math.PI) / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)];
}
/// World coordinates → [lon, lat] in degrees.
function unproject(x, y) {
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
  return [x * 360 - 180, lat];
}

/// Yen as a short Japanese amount (億円 / 万円).
function formatYen(yen) {
  if (yen === null || yen === undefined || !Number.isFinite(yen)) return '不明';
  if (Math.abs(yen) >= 1e8) return `${numberFormat.format(yen / 1e8)} 億円`;
  if (Math.abs(yen) >= 1e4) return `${numberFormat.format(yen / 1e4)} 万円`;
  return `${numberFormat.format(yen)} 円`;
}

/// A unit's value in the unit its legend heading names (億円, 百万円, 千円, % or plain).
function formatValue(value, heading) {
  if (value === null || value === undefined) return 'データなし';
  if (/億円/.test(heading)) return numberFormat.format(value / 1e8);
  if (/百万円/.test(heading)) return numberFormat.format(value / 1e6);
  if (/千円/.test(heading)) return numberFormat.format(value / 1e3);
  return numberFormat.format(value);
}

/// A cluster count as a short label: 987, 1.2k, 15k.
function shortCount(count) {
  if (count < 1000) return String(count);
  if (count < 10000) return `${(count / 1000).toFixed(1)}k`;
  return `${Math.round(count / 1000)}k`;
}

const escapeHTML = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// ---------------------------------------------------------------------------------------------
// Page elements (index.html provides them).
const canvas = document.getElementById('map');
const context = canvas.getContext('2d');
const tooltip = document.getElementById('tooltip');
const statusLine = document.getElementById('status');
const legendPanel = document.getElementById('legend');
const attributionBox = document.getElementById('attribution');

// ---------------------------------------------------------------------------------------------
// Map state.
const view = { x: 0.5, y: 0.5, zoom: 4 };  // centre in world coordinates, fractional zoom
let tileset = null;                          // tiles.json
let tileTemplate = '';                       // absolute URL template of the tiles
let minViewZoom = 0;
let maxViewZoom = 22;
const hiddenLayers = new Set(new URLSearchParams(location.search).get('hide')?.split(',').filter(Boolean) ?? []);
let lastDrawList = [];                       // what the last frame drew, for hit-testing
let framePending = false;
let pointer = null;                          // last hover position {x, y} in CSS pixels

// ---------------------------------------------------------------------------------------------
// Tile cache: "z/x/y" → {state: queued|loading|loaded|missing|failed, layers}. Map order is the
// recency order (a use moves the entry to the end); the oldest entries are evicted first.
const tiles = new Map();
const queue = [];
let inFlight = 0;
let fetchFailures = 0;

function tileKey(z, x, y) { return `${z}/${x}/${y}`; }

function touchTile(key) {
  const tile = tiles.get(key);
  if (tile) { tiles.delete(key); tiles.set(key, tile); }
  return tile;
}

/// The tile if present (loaded or settled); queues its request otherwise.
function requestTile(z, x, y) {
  const key = tileKey(z, x, y);
  let tile = touchTile(key);
  if (!tile) {
    tile = { key, z, x, y, state: 'queued', layers: null };
    tiles.set(key, tile);
    queue.push(tile);
    evictTiles();
  }
  pumpQueue();
  return tile;
}

function evictTiles() {
  for (const [key, tile] of tiles) {
    if (tiles.size <= CACHE_LIMIT) break;
    if (tile.state === 'loading') continue;
    tiles.delete(key);
  }
}

/// Starts queued requests, newest first (the current view), dropping ones no longer wanted.
function pumpQueue() {
  while (inFlight < MAX_IN_FLIGHT && queue.length > 0) {
    const tile = queue.pop();
    if (tiles.get(tile.key) !== tile || tile.state !== 'queued') continue;
    if (!isWanted(tile)) { tiles.delete(tile.key); continue; }
    loadTile(tile);
  }
}

async function loadTile(tile) {
  tile.state = 'loading';
  inFlight += 1;
  const url = tileTemplate.replace('{z}', tile.z).replace('{x}', tile.x).replace('{y}', tile.y);
  try {
    const response = await fetch(url);
    if (response.status === 404) {
      tile.state = 'missing';            // normal: only tiles with data exist
    } else if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    } else {
      tile.layers = prepareLayers((await response.json()).layers || {});
      tile.state = 'loaded';
    }
  } catch (error) {
    tile.state = 'failed';
    fetchFailures += 1;
    showStatus(`タイル ${tile.key} を読み込めません: ${error.message}`);
    recordError(`tile ${tile.key}: ${error.message}`);
  } finally {
    inFlight -= 1;
    pumpQueue();
    scheduleDraw();
  }
}

/// Sorts a tile's features by what they are, building their paths once (in tile units).
function prepareLayers(rawLayers) {
  const layers = { polygons: [], sitePolygons: [], points: [], extent: 4096 };
  for (const [name, layer] of Object.entries(rawLayers)) {
    const extent = layer.extent || 4096;
    layers.extent = extent;
    for (const feature of layer.features || []) {
      const geometry = feature.geometry;
      if (!geometry) continue;
      const item = { layer: name, properties: feature.properties || {}, geometry };
      if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
        item.polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
        item.path = polygonPath(item.polygons);
        (name === 'sites' ? layers.sitePolygons : layers.polygons).push(item);
      } else if (geometry.type === 'Point') {
        item.point = geometry.coordinates;
        layers.points.push(item);
      }
    }
  }
  // Draw order of points: sites under projects, large clusters under small ones.
  const rank = (item) => (item.properties.kind === 'site' ? 0 : item.properties.kind === 'cluster' ? 1 : 2);
  layers.points.sort((a, b) => rank(a) - rank(b) || (b.properties.count || 0) - (a.properties.count || 0));
  return layers;
}

function polygonPath(polygons) {
  const path = new Path2D();
  for (const rings of polygons) {
    for (const ring of rings) {
      ring.forEach(([x, y], i) => (i === 0 ? path.moveTo(x, y) : path.lineTo(x, y)));
      path.closePath();
    }
  }
  return path;
}

// ---------------------------------------------------------------------------------------------
// View geometry.
function viewportSize() { return { width: window.innerWidth, height: window.innerHeight }; }
function worldSize(zoom = view.zoom) { return TILE_SIZE * 2 ** zoom; }

function screenToWorld(sx, sy) {
  const { width, height } = viewportSize();
  const size = worldSize();
  return [view.x + (sx - width / 2) / size, view.y + (sy - height / 2) / size];
}

/// The tile zoom for the view zoom: nearest integer within the pyramid's zooms (overzoom above).
function tileZoom() {
  return clamp(Math.round(view.zoom), tileset.minzoom, tileset.maxzoom);
}

/// Tiles at zoom z covering the viewport.
function visibleTiles(z) {
  const { width, height } = viewportSize();
  const [left, top] = screenToWorld(0, 0);
  const [right, bottom] = screenToWorld(width, height);
  const n = 2 ** z;
  const result = [];
  for (let y = clamp(Math.floor(top * n), 0, n - 1); y <= clamp(Math.floor(bottom * n), 0, n - 1); y++) {
    for (let x = clamp(Math.floor(left * n), 0, n - 1); x <= clamp(Math.floor(right * n), 0, n - 1); x++) {
      result.push({ z, x, y });
    }
  }
  return result;
}

function isWanted(tile) {
  const z = tileZoom();
  if (tile.z === z) return visibleTiles(z).some((t) => t.x === tile.x && t.y === tile.y);
  return tile.z < z; // ancestors stay useful as placeholders
}

function setZoomAround(zoom, sx, sy) {
  const [wx, wy] = screenToWorld(sx, sy);
  view.zoom = clamp(zoom, minViewZoom, maxViewZoom);
  const [nx, ny] = screenToWorld(sx, sy);
  view.x += wx - nx;
  view.y += wy - ny;
  viewChanged();
}

function panBy(dx, dy) {
  const size = worldSize();
  view.x = clamp(view.x - dx / size, 0, 1);
  view.y = clamp(view.y - dy / size, 0, 1);
  viewChanged();
}

let hashTimer = 0;
function viewChanged() {
  hideTooltip();
  // Browsers throttle frequent history updates: write the hash once the view has settled.
  clearTimeout(hashTimer);
  hashTimer = setTimeout(writeHash, 250);
  scheduleDraw();
}

// URL hash #zoom/lat/lon keeps the view shareable (and lets the test set an exact view).
function readHash() {
  const parts = location.hash.replace(/^#/, '').split('/').map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p))) return false;
  const [zoom, lat, lon] = parts;
  [view.x, view.y] = project(lon, lat);
  view.zoom = clamp(zoom, minViewZoom, maxViewZoom);
  return true;
}

let writtenHash = '';
function writeHash() {
  const [lon, lat] = unproject(view.x, view.y);
  const hash = `#${view.zoom.toFixed(2)}/${lat.toFixed(5)}/${lon.toFixed(5)}`;
  if (hash === writtenHash) return;
  writtenHash = hash;
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

function fitBounds([west, south, east, north]) {
  const { width, height } = viewportSize();
  const [x0, y0] = project(west, north);
  const [x1, y1] = project(east, south);
  view.x = (x0 + x1) / 2;
  view.y = (y0 + y1) / 2;
  const scale = Math.min(width / ((x1 - x0) * TILE_SIZE), height / ((y1 - y0) * TILE_SIZE));
  view.zoom = clamp(Math.log2(scale * 0.95), minViewZoom, maxViewZoom);
}

// ---------------------------------------------------------------------------------------------
// Drawing.
/// Draws on the next animation frame, or after a short timeout when frames do not come (hidden
/// tabs, headless browsers that only run timers), whichever is first.
function scheduleDraw() {
  if (framePending) return;
  framePending = true;
  let frame = 0, timer = 0;
  const run = () => {
    if (!framePending) return;
    framePending = false;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    draw();
  };
  frame = requestAnimationFrame(run);
  timer = setTimeout(run, 100);
}

/// Resizes the canvas backing store to the window at the device pixel ratio.
function resizeCanvas() {
  const ratio = window.devicePixelRatio || 1;
  const { width, height } = viewportSize();
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
}

/// For each wanted tile, what to draw in its square: itself when loaded, else a loaded ancestor,
/// else its loaded children. Each entry is drawn clipped to `clip` (world coordinates).
function planFrame() {
  const z = tileZoom();
  const plan = [];
  let settled = true;
  for (const { x, y } of visibleTiles(z)) {
    const tile = requestTile(z, x, y);
    const clip = { x0: x / 2 ** z, y0: y / 2 ** z, x1: (x + 1) / 2 ** z, y1: (y + 1) / 2 ** z };
    if (tile.state === 'loaded') { plan.push({ tile, clip }); continue; }
    if (tile.state === 'missing' || tile.state === 'failed') continue;
    settled = false;
    let stand = null;
    for (let az = z - 1, ax = x >> 1, ay = y >> 1; az >= tileset.minzoom && !stand; az--, ax >>= 1, ay >>= 1) {
      const ancestor = tiles.get(tileKey(az, ax, ay));
      if (ancestor && ancestor.state === 'loaded') stand = ancestor;
    }
    if (stand) { touchTile(stand.key); plan.push({ tile: stand, clip }); continue; }
    if (z < tileset.maxzoom) {
      for (const [cx, cy] of [[2 * x, 2 * y], [2 * x + 1, 2 * y], [2 * x, 2 * y + 1], [2 * x + 1, 2 * y + 1]]) {
        const child = tiles.get(tileKey(z + 1, cx, cy));
        if (child && child.state === 'loaded') {
          plan.push({ tile: child, clip: { x0: cx / 2 ** (z + 1), y0: cy / 2 ** (z + 1), x1: (cx + 1) / 2 ** (z + 1), y1: (cy + 1) / 2 ** (z + 1) } });
        }
      }
    }
  }
  return { plan, settled };
}

function draw() {
  if (!tileset) return;
  const ratio = window.devicePixelRatio || 1;
  const { width, height } = viewportSize();
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) resizeCanvas();
  const { plan, settled } = planFrame();
  const size = worldSize() * ratio;                   // world size in device pixels
  const originX = width * ratio / 2 - view.x * size;  // device pixel of world x = 0
  const originY = height * ratio / 2 - view.y * size;

  context.setTransform(1, 0, 0, 1, 0, 0);
  context.fillStyle = SEA_COLOUR;
  context.fillRect(0, 0, canvas.width, canvas.height);

  // Each entry: the tile's transform (tile units → device pixels) and its clip square, with
  // corners rounded to device pixels so neighbouring squares meet without seams.
  lastDrawList = plan.map(({ tile, clip }) => {
    const n = 2 ** tile.z;
    const extent = tile.layers.extent;
    const left = originX + (tile.x / n) * size;
    const top = originY + (tile.y / n) * size;
    const scale = size / n / extent;
    const cx0 = Math.round(originX + clip.x0 * size), cy0 = Math.round(originY + clip.y0 * size);
    const cx1 = Math.round(originX + clip.x1 * size), cy1 = Math.round(originY + clip.y1 * size);
    return { tile, clip, left, top, scale, rect: [cx0, cy0, cx1 - cx0, cy1 - cy0] };
  });

  // Pass 1: unit polygons (fill, then borders), each tile clipped to its own square.
  for (const entry of lastDrawList) {
    const { tile, left, top, scale, rect } = entry;
    if (tile.layers.polygons.length === 0) continue;
    context.save();
    context.beginPath();
    context.rect(...rect);
    context.clip();
    context.setTransform(scale, 0, 0, scale, left, top);
    for (const item of tile.layers.polygons) {
      context.fillStyle = item.properties.fill || '#cccccc';
      context.fill(item.path, 'evenodd');
    }
    for (const item of tile.layers.polygons) {
      const border = POLYGON_BORDERS[item.layer] || POLYGON_BORDERS.municipalities;
      context.strokeStyle = border.colour;
      context.lineWidth = (border.width * ratio) / scale;
      context.stroke(item.path);
    }
    context.restore();
  }

  // Pass 2: site polygons, outlined, above every unit polygon.
  if (!hiddenLayers.has('sites')) {
    for (const { tile, left, top, scale, rect } of lastDrawList) {
      if (tile.layers.sitePolygons.length === 0) continue;
      context.save();
      context.beginPath();
      context.rect(...rect);
      context.clip();
      context.setTransform(scale, 0, 0, scale, left, top);
      context.fillStyle = 'rgba(38, 38, 38, 0.18)';
      context.strokeStyle = SITE_COLOUR;
      context.lineWidth = (1.5 * ratio) / scale;
      for (const item of tile.layers.sitePolygons) {
        context.fill(item.path, 'evenodd');
        context.stroke(item.path);
      }
      context.restore();
    }
  }

  // Pass 3: points above all polygons; a tile's points only inside the square it stands for.
  context.setTransform(1, 0, 0, 1, 0, 0);
  for (const entry of lastDrawList) {
    for (const item of entry.tile.layers.points) {
      if (hiddenLayers.has(item.layer) || !pointInClip(entry, item.point)) continue;
      drawPoint(item, entry.left + item.point[0] * entry.scale, entry.top + item.point[1] * entry.scale, ratio);
    }
  }

  updateLegend();
  document.body.dataset.state = settled ? 'ready' : 'loading';
  if (settled && fetchFailures === 0) showStatus('');
}

function pointInClip(entry, [px, py]) {
  const { tile, clip } = entry;
  const n = 2 ** tile.z;
  const wx = (tile.x + px / tile.layers.extent) / n;
  const wy = (tile.y + py / tile.layers.extent) / n;
  return wx >= clip.x0 && wx < clip.x1 && wy >= clip.y0 && wy < clip.y1;
}

/// Radius (CSS px) of a cluster: area proportional to its count.
function clusterRadius(count) { return Math.min(44, 3 + 1.5 * Math.sqrt(Math.max(1, count))); }

function drawPoint(item, x, y, ratio) {
  const p = item.properties;
  context.lineWidth = ratio;
  if (p.kind === 'cluster') {
    const radius = clusterRadius(p.count || 1) * ratio;
    context.beginPath();
    context.arc(x, y, radius, 0, 2 * Math.PI);
    context.fillStyle = 'rgba(31, 78, 156, 0.72)';
    context.strokeStyle = '#ffffff';
    context.fill();
    context.stroke();
    if (radius >= 9 * ratio) {
      context.fillStyle = '#ffffff';
      context.font = `bold ${Math.round(clamp(radius * 0.7, 9 * ratio, 14 * ratio))}px sans-serif`;
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      context.fillText(shortCount(p.count || 0), x, y);
    }
  } else if (p.kind === 'site') {
    const half = 4.5 * ratio;
    context.fillStyle = SITE_COLOUR;
    context.strokeStyle = '#ffffff';
    context.fillRect(x - half, y - half, 2 * half, 2 * half);
    context.strokeRect(x - half, y - half, 2 * half, 2 * half);
  } else {
    context.beginPath();
    context.arc(x, y, 3.5 * ratio, 0, 2 * Math.PI);
    context.fillStyle = PROJECT_COLOUR;
    context.strokeStyle = '#ffffff';
    context.fill();
    context.stroke();
  }
}

// ---------------------------------------------------------------------------------------------
// Legend, attribution, status.
let legendLayerShown = null;

/// The polygon layer the pyramid holds at the current tile zoom.
function polygonLayerInView() {
  const z = tileZoom();
  const legend = tileset.investmap_legend || {};
  const layer = (tileset.vector_layers || []).find((l) => legend[l.id] && z >= (l.minzoom ?? 0) && z <= (l.maxzoom ?? 99));
  return layer ? layer.id : Object.keys(legend)[0];
}

function updateLegend() {
  const name = polygonLayerInView();
  if (name === legendLayerShown) return;
  legendLayerShown = name;
  const legend = (tileset.investmap_legend || {})[name];
  const rows = legend
    ? legend.classes.map((c) => `<li title="${escapeHTML(c.count ?? '')} units"><span class="swatch" style="background:${escapeHTML(c.color)}"></span>${escapeHTML(c.label)}</li>`).join('')
    : '';
  const layerNames = { prefectures: '都道府県', municipalities: '市区町村' };
  const pointLayers = (tileset.vector_layers || []).filter((l) => l.id === 'projects' || l.id === 'sites');
  const toggles = pointLayers.map((l) =>
    `<label><input type="checkbox" data-layer="${escapeHTML(l.id)}" ${hiddenLayers.has(l.id) ? '' : 'checked'}>${
      l.id === 'projects' ? '<span class="dot"></span>投資案件' : '<span class="square"></span>クラスター拠点'}</label>`).join('');
  const description = String(tileset.description || '');
  const note = description.includes('{') ? description.slice(0, description.indexOf('{')).replace(/[^.]*$/, '').trim() : description;
  legendPanel.innerHTML = `
    <h1>${escapeHTML(tileset.name || '国内投資マップ')}</h1>
    ${legend ? `<h2>${escapeHTML(legend.heading)} <small>${escapeHTML(layerNames[name] || name)}</small></h2><ul>${rows}</ul>` : ''}
    ${toggles ? `<div class="toggles">${toggles}</div>` : ''}
    <p class="note">エディション: ${escapeHTML(tileset.investmap_edition || '—')}<br>${escapeHTML(note)}</p>`;
  for (const input of legendPanel.querySelectorAll('input[data-layer]')) {
    input.addEventListener('change', () => {
      if (input.checked) hiddenLayers.delete(input.dataset.layer); else hiddenLayers.add(input.dataset.layer);
      scheduleDraw();
    });
  }
}

function showStatus(text) {
  statusLine.textContent = text;
  statusLine.hidden = text === '';
}

// ---------------------------------------------------------------------------------------------
// Hit-testing (tile units) and the tooltip.

/// Even-odd point-in-polygon over all rings (exterior and holes) of one polygon.
function insideRings(rings, x, y) {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function insideFeature(item, x, y) { return item.polygons.some((rings) => insideRings(rings, x, y)); }

/// The feature under CSS pixel (sx, sy): points first (nearest within reach), then site polygons,
/// then units.
function featureAt(sx, sy) {
  const ratio = window.devicePixelRatio || 1;
  const dx = sx * ratio, dy = sy * ratio;
  let best = null, bestDistance = Infinity;
  for (const entry of lastDrawList) {
    for (const item of entry.tile.layers.points) {
      if (hiddenLayers.has(item.layer) || !pointInClip(entry, item.point)) continue;
      const px = entry.left + item.point[0] * entry.scale, py = entry.top + item.point[1] * entry.scale;
      const reach = (item.properties.kind === 'cluster' ? clusterRadius(item.properties.count || 1) : HIT_RADIUS) * ratio;
      const distance = Math.hypot(px - dx, py - dy);
      if (distance <= reach && distance < bestDistance) { best = item; bestDistance = distance; }
    }
  }
  if (best) return best;
  const entry = lastDrawList.find(({ rect: [x, y, w, h] }) => dx >= x && dx < x + w && dy >= y && dy < y + h);
  if (!entry) return null;
  const tx = (dx - entry.left) / entry.scale, ty = (dy - entry.top) / entry.scale;
  if (!hiddenLayers.has('sites')) {
    const site = entry.tile.layers.sitePolygons.find((item) => insideFeature(item, tx, ty));
    if (site) return site;
  }
  return entry.tile.layers.polygons.find((item) => insideFeature(item, tx, ty)) || null;
}

function describeFeature(item) {
  const p = item.properties;
  if (p.kind === 'cluster') {
    return `<b>${escapeHTML(numberFormat.format(p.count || 0))} 件の投資</b><br>総投資額 合計 ${escapeHTML(formatYen(p.total_investment_jpy))}`;
  }
  if (p.kind === 'project') {
    const precision = p.location_precision === 'municipality' ? '<br><i>位置: 市区町村の代表点（正確な位置ではありません）</i>'
      : p.location_precision === 'address' ? '<br><i>位置: 所在地（町丁目・大字）</i>' : '';
    return `<b>${escapeHTML(p.name ?? p.id)}</b>` + (p.company ? `<br>${escapeHTML(p.company)}` : '') +
      (p.programme ? `<br>制度: ${escapeHTML(p.programme)}` : `<br>計画: ${escapeHTML(PLAN_LABELS[p.plan] || p.plan || '—')}`) +
      `${p.field ? `（${escapeHTML(p.field)}）` : ''}<br>状況: ${escapeHTML(STATUS_LABELS[p.status] || p.status || '—')}` +
      (p.support_jpy != null ? `<br>支援額: ${escapeHTML(formatYen(p.support_jpy))}` : '') +
      `<br>総投資額: ${escapeHTML(formatYen(p.total_investment_jpy))}` + precision;
  }
  if (p.kind === 'site') {
    return `<b>${escapeHTML(p.name ?? p.id)}</b><br>クラスター拠点 — 計画: ${escapeHTML(PLAN_LABELS[p.plan] || p.plan || '—')}`;
  }
  const legend = (tileset.investmap_legend || {})[item.layer];
  const heading = legend ? legend.heading : '値';
  const cls = legend ? legend.classes.find((c) => c.class === p.class) : null;
  const classLabel = cls ? cls.label : p.class === 'nodata' ? 'データなし' : p.class;
  return `<b>${escapeHTML(p.name)}</b> <small>${escapeHTML(p.code)}</small><br>` +
    `${escapeHTML(heading)}: ${escapeHTML(formatValue(p.value, heading))}<br>` +
    `<span class="swatch" style="background:${escapeHTML(p.fill || '#ccc')}"></span>${escapeHTML(classLabel ?? '')}`;
}

function showTooltipAt(sx, sy) {
  const item = featureAt(sx, sy);
  if (!item) { hideTooltip(); return; }
  tooltip.innerHTML = describeFeature(item);
  tooltip.hidden = false;
  const { width, height } = viewportSize();
  const box = tooltip.getBoundingClientRect();
  tooltip.style.left = `${Math.min(sx + 14, width - box.width - 4)}px`;
  tooltip.style.top = `${sy + 14 + box.height > height ? sy - box.height - 10 : sy + 14}px`;
  canvas.style.cursor = item.properties.kind ? 'pointer' : '';
}

function hideTooltip() { tooltip.hidden = true; canvas.style.cursor = ''; }

// ---------------------------------------------------------------------------------------------
// Interaction: pointer drag (mouse and touch), pinch, wheel, double-click, buttons, keyboard.
const activePointers = new Map();  // pointerId → {x, y}
let gesture = null;                 // {startX, startY, moved, pinchDistance, pinchZoom}

canvas.addEventListener('pointerdown', (event) => {
  try { canvas.setPointerCapture(event.pointerId); } catch { /* pointer already gone */ }
  activePointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  gesture = { startX: event.clientX, startY: event.clientY, moved: false, pinchDistance: pinchDistance(), pinchZoom: view.zoom };
});

canvas.addEventListener('pointermove', (event) => {
  const last = activePointers.get(event.pointerId);
  if (!last) {
    if (event.pointerType === 'mouse') { pointer = { x: event.clientX, y: event.clientY }; showTooltipAt(pointer.x, pointer.y); }
    return;
  }
  const dx = event.clientX - last.x, dy = event.clientY - last.y;
  activePointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  gesture.moved = gesture.moved || Math.hypot(event.clientX - gesture.startX, event.clientY - gesture.startY) > 4;
  if (activePointers.size >= 2) {
    // Pinch: zoom by the change of the fingers' distance, around their midpoint; pan with it.
    const [a, b] = [...activePointers.values()];
    const midX = (a.x + b.x) / 2, midY = (a.y + b.y) / 2;
    panBy(dx / 2, dy / 2);
    if (gesture.pinchDistance > 0) setZoomAround(gesture.pinchZoom + Math.log2(pinchDistance() / gesture.pinchDistance), midX, midY);
    gesture.moved = true;
  } else {
    panBy(dx, dy);
  }
});

function endPointer(event) {
  const wasTap = gesture && !gesture.moved && activePointers.size === 1;
  activePointers.delete(event.pointerId);
  if (wasTap && event.type === 'pointerup' && event.pointerType !== 'mouse') showTooltipAt(event.clientX, event.clientY);
  if (activePointers.size > 0) gesture = { moved: true, pinchDistance: pinchDistance(), pinchZoom: view.zoom };
}
canvas.addEventListener('pointerup', endPointer);
canvas.addEventListener('pointercancel', endPointer);
canvas.addEventListener('pointerleave', (event) => { if (event.pointerType === 'mouse') hideTooltip(); });

function pinchDistance() {
  if (activePointers.size < 2) return 0;
  const [a, b] = [...activePointers.values()];
  return Math.hypot(a.x - b.x, a.y - b.y);
}

canvas.addEventListener('wheel', (event) => {
  event.preventDefault();
  const lines = event.deltaMode === 1 ? 40 : event.deltaMode === 2 ? 800 : 1;
  const step = clamp((-event.deltaY * lines) / 300, -1, 1);
  setZoomAround(view.zoom + step, event.clientX, event.clientY);
}, { passive: false });

canvas.addEventListener('dblclick', (event) => {
  event.preventDefault();
  setZoomAround(Math.round(view.zoom) + (event.shiftKey ? -1 : 1), event.clientX, event.clientY);
});

function zoomAtCentre(delta) {
  const { width, height } = viewportSize();
  setZoomAround(Math.round(view.zoom + delta), width / 2, height / 2);
}
document.getElementById('zoom-in').addEventListener('click', () => zoomAtCentre(1));
document.getElementById('zoom-out').addEventListener('click', () => zoomAtCentre(-1));

window.addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLInputElement || event.ctrlKey || event.metaKey || event.altKey) return;
  const step = 100;
  const actions = {
    ArrowLeft: () => panBy(step, 0), ArrowRight: () => panBy(-step, 0),
    ArrowUp: () => panBy(0, step), ArrowDown: () => panBy(0, -step),
    '+': () => zoomAtCentre(1), '=': () => zoomAtCentre(1), '-': () => zoomAtCentre(-1), _: () => zoomAtCentre(-1),
  };
  const action = actions[event.key];
  if (action) { event.preventDefault(); action(); }
});

window.addEventListener('resize', () => { resizeCanvas(); scheduleDraw(); });
window.addEventListener('hashchange', () => {
  if (location.hash === writtenHash || !tileset) return;
  if (readHash()) { writeHash(); scheduleDraw(); }
});

// ---------------------------------------------------------------------------------------------
// Start: read tiles.json, set the first view, draw.
async function start() {
  // document.baseURI: `investmap serve` gives the page at / a <base> of the edition's folder.
  const base = new URL('tiles.json', document.baseURI);
  const response = await fetch(base);
  if (!response.ok) throw new Error(`tiles.json: HTTP ${response.status}`);
  tileset = await response.json();
  tileset.minzoom = tileset.minzoom ?? 0;
  tileset.maxzoom = tileset.maxzoom ?? 14;
  tileTemplate = new URL((tileset.tiles || ['{z}/{x}/{y}.json'])[0], base).href
    .replace(/%7B/gi, '{').replace(/%7D/gi, '}');
  minViewZoom = Math.max(0, tileset.minzoom - 3);
  maxViewZoom = tileset.maxzoom + 4;
  document.title = tileset.name || document.title;
  attributionBox.textContent = tileset.attribution || '';
  resizeCanvas();
  if (!readHash()) fitBounds(tileset.bounds || [-180, -85, 180, 85]);
  writeHash();
  draw();
}

start().catch((error) => {
  showStatus(`地図を開けません: ${error.message}`);
  recordError(error.stack || error.message);
  document.body.dataset.state = 'failed';
});
