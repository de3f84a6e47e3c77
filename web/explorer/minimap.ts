import type { Core } from 'cytoscape';

const WIDTH = 180;
const HEIGHT = 120;
const PAD = 6;

/** How far one arrow key press pans, as a share of the viewport (Shift: a whole viewport). */
const STEP = 0.2;

/**
 * A small overview of the whole drawing: every node as a dot in its colour, and the viewport as a rectangle.
 * A click or drag on it centres the viewport there. By keyboard it is one tab stop: the arrow keys pan the view
 * (a fifth of the viewport, Shift a whole one), Enter centres it on the drawing (zoom kept), and what it shows
 * is said in its name and in a live note. Drawn from node positions on a canvas of its own: the
 * cytoscape navigator extensions on npm are unmaintained or render the whole graph again as an image on every
 * change, which at hundreds of nodes costs more than the drawing itself.
 */
export function setupMinimap(box: HTMLDetailsElement, canvas: HTMLCanvasElement, note: HTMLElement, cy: Core): void {
  // On a phone the overview would cover the drawing: it starts closed, one tap away.
  if (matchMedia('(max-width: 760px)').matches) box.open = false;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = WIDTH * ratio;
  canvas.height = HEIGHT * ratio;
  canvas.style.width = `${WIDTH}px`;
  canvas.style.height = `${HEIGHT}px`;
  const ctx = canvas.getContext('2d')!;
  let frame = 0;

  /** The model box drawn (nodes and viewport together) and its scale to the canvas. */
  function frameOf(): { x1: number; y1: number; scale: number; dx: number; dy: number } {
    const b = cy.nodes(':visible').boundingBox({});
    const v = cy.extent();
    const x1 = Math.min(b.x1, v.x1);
    const y1 = Math.min(b.y1, v.y1);
    const w = Math.max(b.x2, v.x2) - x1 || 1;
    const h = Math.max(b.y2, v.y2) - y1 || 1;
    const scale = Math.min((WIDTH - 2 * PAD) / w, (HEIGHT - 2 * PAD) / h);
    return { x1, y1, scale, dx: (WIDTH - w * scale) / 2, dy: (HEIGHT - h * scale) / 2 };
  }

  function render(): void {
    frame = 0;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    canvas.dataset.nodes = String(cy.nodes(':visible').length);
    if (cy.nodes().empty()) return;
    const f = frameOf();
    const at = (x: number, y: number): [number, number] => [f.dx + (x - f.x1) * f.scale, f.dy + (y - f.y1) * f.scale];
    cy.nodes(':visible').forEach((n) => {
      const [x, y] = at(n.position('x'), n.position('y'));
      ctx.fillStyle = (n.data('colour') as string) ?? '#8a93a3';
      ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
    });
    const v = cy.extent();
    const [vx, vy] = at(v.x1, v.y1);
    ctx.strokeStyle = '#c2185b';
    ctx.lineWidth = 1.5;
    ctx.strokeRect(vx, vy, v.w * f.scale, v.h * f.scale);
  }

  const schedule = (): void => {
    if (!frame) frame = requestAnimationFrame(render);
  };
  cy.on('viewport add remove position resize', schedule);

  /** Centres the viewport on the model point under the pointer. */
  function panTo(event: PointerEvent): void {
    if (cy.nodes().empty()) return;
    const f = frameOf();
    const box = canvas.getBoundingClientRect();
    const x = f.x1 + (event.clientX - box.left - f.dx) / f.scale;
    const y = f.y1 + (event.clientY - box.top - f.dy) / f.scale;
    const zoom = cy.zoom();
    cy.pan({ x: cy.width() / 2 - x * zoom, y: cy.height() / 2 - y * zoom });
  }
  canvas.addEventListener('pointerdown', (event) => {
    canvas.setPointerCapture(event.pointerId);
    panTo(event);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (canvas.hasPointerCapture(event.pointerId)) panTo(event);
  });
  canvas.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? 1 : STEP;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = moves[event.key];
    // Moving the view right moves the drawing left: the pan goes the other way, in rendered pixels.
    if (move) cy.panBy({ x: -move[0] * cy.width() * step, y: -move[1] * cy.height() * step });
    else if (event.key === 'Enter' || event.key === ' ') cy.center(cy.nodes(':visible'));
    else return;
    event.preventDefault();
    announce();
  });

  /** Says where the viewport is in the drawing: which share of the nodes it shows. */
  let said = 0;
  function announce(): void {
    clearTimeout(said);
    said = window.setTimeout(() => {
      const all = cy.nodes(':visible');
      const v = cy.extent();
      const inView = all.filter((n) => {
        const { x, y } = n.position();
        return x >= v.x1 && x <= v.x2 && y >= v.y1 && y <= v.y2;
      }).length;
      note.textContent = `The view shows ${inView} of the ${all.length} drawn entities.`;
    }, 150);
  }
  schedule();
}
