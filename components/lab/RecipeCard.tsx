/** The one training recipe, stated as the trainer reads it (lib/lab/recipe.ts). */
import { Card } from "@/components/build/ui";
import { describeRecipe, RECIPE } from "@/lib/lab/recipe";

export function RecipeCard({ epochs, batch }: { epochs: number; batch: number }) {
  return (
    <Card title="Training recipe (the same for every run)" id="lab-recipe">
      <ul className="list-disc space-y-0.5 pl-5 text-sm">
        {describeRecipe(RECIPE, epochs, batch).map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </Card>
  );
}
