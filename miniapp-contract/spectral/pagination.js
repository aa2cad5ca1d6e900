// A list answer (an `items` array) pages with nextCursor, or its operation says in x-unpaged why it is bounded.
export default (operation) => {
  if (operation == null || operation['x-unpaged']) {
    return [];
  }
  const schema = operation.responses?.['200']?.content?.['application/json']?.schema;
  const items = schema?.properties?.items;
  if (items?.type === 'array' && !schema.properties.nextCursor) {
    return [{ message: 'a list pages with cursor, limit and nextCursor, or says why it is bounded in x-unpaged' }];
  }
  return [];
};
