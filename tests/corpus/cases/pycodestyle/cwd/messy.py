import os, sys
import json
def f( a ):
    x=1
    return a+undefined_name
class  K:
  def m(self):
      l = 1
      return  l
very_long_line = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
try:
    pass
except:
    pass
