MERGE (l:ChangeLog {id: 'changes'})
ON CREATE SET l.sequence = 0
SET l.sequence = l.sequence + $count
RETURN l.sequence - $count AS base
