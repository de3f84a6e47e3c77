MATCH (chip:Entity:Chip {id: $chip}) RETURN chip
