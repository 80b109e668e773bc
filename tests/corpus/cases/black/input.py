import os,sys
def f(a,b = 1,*args,**kw):
  x={'a':1,'b':[1,2,3,],"c":(4,5)}
  if a and not b or (a is None and b is not None): return x
  return [i*2 for i in range(10) if i%2==0 and i>3 or i==1]
class K (object) :
    def m(self): return lambda y:y+1
print(f(1), K().m()(2), os.sep, sys.maxsize>2**32)
