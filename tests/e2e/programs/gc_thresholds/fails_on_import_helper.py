try:
    import fails_on_import
except ZeroDivisionError as e:
    print("import failed:", e)
