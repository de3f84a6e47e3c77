import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

/** `Date` is an ISO calendar date kept as a `YYYY-MM-DD` string end to end. */
export const scalarResolvers = {
  Date: new GraphQLScalarType({ ...LocalDateResolver.toConfig(), name: 'Date', description: 'A calendar date, ISO 8601 (YYYY-MM-DD).' }),
  DateTime: new GraphQLScalarType({
    ...DateTimeResolver.toConfig(),
    name: 'DateTime',
    serialize: (value: unknown) => (value instanceof Date ? value.toISOString() : DateTimeResolver.serialize(value)),
  }),
};
