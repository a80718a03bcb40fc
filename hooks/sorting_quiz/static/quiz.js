// quiz script: being written
