OPTIONAL MATCH (l:ChangeLog {id: 'changes'})
RETURN coalesce(l.sequence, 0) AS sequence
