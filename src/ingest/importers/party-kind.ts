/**
 * Whether a listed party is an organisation. The lists do not say whether an entry is a person or a body, so
 * an entry counts as an organisation only when its name or an alias carries a word that only organisations
 * bear (a legal form, "Institute", "Technology"...); everything else is treated as a possible natural person
 * and left out of the graph (docs/data.md, People).
 */

const ORGANISATION_WORDS = new Set(
  // legal forms
  (
    'co company companies corp corporation inc incorporated ltd limited llc llp lp plc gmbh mbh ag kg sa sas sasu sarl srl ' +
    'spa pte pvt pty bv nv kk oy ab jsc ojsc pjsc cjsc ooo zao oao fze fzco fzc fz sdn bhd ltda sac eirl ou as dmcc ' +
    'establishment est enterprise enterprises firm partnership cooperative sociedad anonima ' +
    // kinds of body
    'group holding holdings institute institution university academy college school center centre laboratory laboratories ' +
    'lab labs bureau ministry department agency administration office authority commission committee council directorate ' +
    'association foundation society organization organisation union federation army navy force forces guard regiment brigade ' +
    'battalion corps unit factory plant works bank exchange airline airlines airways shipping lines fleet port hospital ' +
    // sectors in names
    'industry industries industrial technology technologies tech technical technic technik electronics electronic ' +
    'systems system solutions services service trading trade traders import export impex logistics engineering ' +
    'aviation aerospace aircraft marine maritime energy petroleum oil gas power machinery equipment manufacturing ' +
    'semiconductor semiconductors microelectronics components materials chemical chemicals products instruments devices ' +
    'communication communications telecom telecommunications network networks cloud software computing information ' +
    'international global research development science sciences scientific supply supplies distribution investment ' +
    'project projects construction consulting consultants design resources results media navigation optics optical ' +
    'robotics automation precision defense defence military nuclear missile space satellite'
  ).split(' '),
);

const words = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/(\p{L})\.(?=\p{L}\.)/gu, '$1')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** True when the name or an alias carries a word only organisations bear. */
export function isOrganisation(name: string, aliases: readonly string[] = []): boolean {
  return [name, ...aliases].some((n) => words(n).some((w) => ORGANISATION_WORDS.has(w)) || /\d/.test(n));
}
