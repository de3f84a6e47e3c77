MATCH (chip:Entity:Chip)
WHERE chip.id IN $ids
RETURN chip
ORDER BY chip.name, chip.id
