MATCH (reg:Entity:Regulation) WHERE reg.id IN $ids RETURN reg.id AS id
