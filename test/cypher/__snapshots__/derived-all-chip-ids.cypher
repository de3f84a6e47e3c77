MATCH (chip:Entity:Chip) RETURN chip.id AS id
