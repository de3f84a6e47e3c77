MATCH (e:Entity {id: $id}) RETURN e
