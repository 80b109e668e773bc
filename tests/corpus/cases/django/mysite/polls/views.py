from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from .models import Question


def index(request):
    return render(request, "polls/index.html", {"questions": Question.objects.order_by("id")})


def detail(request, pk):
    q = get_object_or_404(Question, pk=pk)
    return render(request, "polls/detail.html", {"q": q, "choices": q.choices.order_by("-votes")})


def api(request):
    data = [{"q": q.text, "votes": q.choices.aggregate(t=Sum("votes"))["t"]} for q in Question.objects.order_by("id")]
    return JsonResponse({"questions": data})
