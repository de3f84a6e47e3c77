import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the current field's selection asks for `name` directly or in an inline fragment. A named fragment
 * spread counts as yes: answering too much is safe, answering too little is not.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) => (s.kind === Kind.FIELD ? s.name.value === name : s.kind === Kind.INLINE_FRAGMENT ? visit(s.selectionSet) : true));
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
