print("graphgrad")
